"""Practising, without a screen: the session plan, one take from recording to saved
answer, and the controller that runs a session (:mod:`.controller`)."""
