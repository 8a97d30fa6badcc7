"""Lookup services the stages share: the gazetteer and toponym resolution, the actor knowledge
base. Built once per ``Resources`` and passed in; no stage of its own."""
