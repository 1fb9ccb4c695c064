"""Domain rules and models of the C4 console: no Qt, no I/O, no sound.

Everything here is pure: given data in, it returns data out. The central and the
console both use these rules, so a command is judged the same way on both sides
(the console only to show an optimistic overlay; the central decides).
"""
