complete -c ner -l input-format -d 'How input becomes documents' -r -f -a "text\t''
lines\t''
jsonl\t''"
complete -c ner -l format -d 'Output format' -r -f -a "jsonl\t'one JSON object per document and line'
json\t'one JSON array, indented'
conll\t'token-per-line BIO tags, `-DOCSTART-` between documents'
tsv\t'one entity per row, with a header'
html\t'one self-contained page with the entities highlighted'"
complete -c ner -l labels -d 'Labels to report, comma separated (PERSON,COUNTRY,ORGANIZATION,LOCATION)' -r
complete -c ner -l lang -d 'Document language; `auto` detects French or English per document' -r -f -a "auto\t''
fr\t''
en\t''"
complete -c ner -l gazetteer -d 'An extra gazetteer (TSV, DESIGN §6 format or `name<TAB>label`); repeatable. Its rows win' -r -F
complete -c ner -s j -l threads -d 'Worker threads (default: all cores)' -r
complete -c ner -l eval -d 'Evaluation mode: run over the texts of a gold JSONL file ({"id","text","entities"} per line) and print precision, recall and F1 per label, as ../shared/tools/score.py and docscore.py would' -r -F
complete -c ner -l map -d 'With --eval: label renames applied to gold and predictions, e.g. COUNTRY=LOC,LOCATION=LOC. (PERSON→PER, LOCATION/COUNTRY/GPE→LOC, ORGANIZATION→ORG are built in when the gold labels are PER/LOC/ORG style.)' -r
complete -c ner -l eval-labels -d 'With --eval: the labels scored, after mapping (default: every gold label except MISC)' -r
complete -c ner -l explain -d 'Explain a surface form: its normalized key, every gazetteer entry it matches (label, canonical, kb_id, flags, list and line) and whether it is a given-name, title or demonym cue; repeatable' -r
complete -c ner -l generate -d 'Print the man page (`man`) or a shell completion script (bash, zsh, fish, elvish, powershell) made from these very flags, then exit. The committed copies under `docs/` come from here' -r -f -a "man\t''
bash\t''
zsh\t''
fish\t''
elvish\t''
powershell\t''"
complete -c ner -l no-builtin-gazetteers -d 'Do not load the built-in entity lists (only --gazetteer files and the rules\' word lists)'
complete -c ner -l pretty -d 'Pretty-print JSON'
complete -c ner -l summary -d 'Add each document\'s distinct entities with mention counts and canonical names: a `summary` field in JSON, one row per referent in TSV (the HTML page always shows it)'
complete -c ner -s q -l quiet -d 'No notes and no progress bar on stderr (errors are still reported)'
complete -c ner -l show-errors -d 'With --eval: list every false positive and miss, with context'
complete -c ner -l eval-json -d 'With --eval: print the result as one JSON object'
complete -c ner -l list-gazetteers -d 'List the compiled gazetteers: rows and distinct canonical names per list, label, lang and source (with any --gazetteer files), then exit'
complete -c ner -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ner -s V -l version -d 'Print version'
