"""Language tools shared by every stage: sentences and verbatim spans (``text``), dates,
quantities and their units, and passage retrieval. They read text; they hold no stage's logic.
"""
