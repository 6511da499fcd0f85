"""The screens shown before a plan is open: welcome, create, recovery key, unlock."""
