
use builtin;
use str;

set edit:completion:arg-completer[ner] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ner'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ner'= {
            cand --input-format 'How input becomes documents'
            cand --format 'Output format'
            cand --labels 'Labels to report, comma separated (PERSON,COUNTRY,ORGANIZATION,LOCATION)'
            cand --lang 'Document language; `auto` detects French or English per document'
            cand --gazetteer 'An extra gazetteer (TSV, DESIGN §6 format or `name<TAB>label`); repeatable. Its rows win'
            cand -j 'Worker threads (default: all cores)'
            cand --threads 'Worker threads (default: all cores)'
            cand --eval 'Evaluation mode: run over the texts of a gold JSONL file ({"id","text","entities"} per line) and print precision, recall and F1 per label, as ../shared/tools/score.py and docscore.py would'
            cand --map 'With --eval: label renames applied to gold and predictions, e.g. COUNTRY=LOC,LOCATION=LOC. (PERSON→PER, LOCATION/COUNTRY/GPE→LOC, ORGANIZATION→ORG are built in when the gold labels are PER/LOC/ORG style.)'
            cand --eval-labels 'With --eval: the labels scored, after mapping (default: every gold label except MISC)'
            cand --explain 'Explain a surface form: its normalized key, every gazetteer entry it matches (label, canonical, kb_id, flags, list and line) and whether it is a given-name, title or demonym cue; repeatable'
            cand --generate 'Print the man page (`man`) or a shell completion script (bash, zsh, fish, elvish, powershell) made from these very flags, then exit. The committed copies under `docs/` come from here'
            cand --no-builtin-gazetteers 'Do not load the built-in entity lists (only --gazetteer files and the rules'' word lists)'
            cand --pretty 'Pretty-print JSON'
            cand --summary 'Add each document''s distinct entities with mention counts and canonical names: a `summary` field in JSON, one row per referent in TSV (the HTML page always shows it)'
            cand -q 'No notes and no progress bar on stderr (errors are still reported)'
            cand --quiet 'No notes and no progress bar on stderr (errors are still reported)'
            cand --show-errors 'With --eval: list every false positive and miss, with context'
            cand --eval-json 'With --eval: print the result as one JSON object'
            cand --list-gazetteers 'List the compiled gazetteers: rows and distinct canonical names per list, label, lang and source (with any --gazetteer files), then exit'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
    ]
    $completions[$command]
}
