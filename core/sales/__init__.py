"""Originals sold for Telegram Stars: prices, orders, the payment ledger."""
