"""Pure keyboard builders; each feature's buttons carry their own CallbackData."""
