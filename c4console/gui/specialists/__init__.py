"""The specialist desk at the console (issue 12): the desk's queue and the intervention form."""
