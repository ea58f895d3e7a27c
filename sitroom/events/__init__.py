"""Events: trigger lexicon, trigger detection, modality and attribution, snippet classification.

Public API: ``load_lexicon`` and ``Lexicon`` (lexicon), ``find_triggers``, ``Trigger`` and
``CharSpan`` (triggers), ``modality`` and ``ModalityResult`` (modality), ``EventTypeClassifier``
(classify). Import them from their modules; this package runs no code at import time.
"""
