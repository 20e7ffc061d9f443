"""What the handlers call: access rules, event management, links and QR codes."""
