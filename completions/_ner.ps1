
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ner' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ner'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ner' {
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'How input becomes documents')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--labels', '--labels', [CompletionResultType]::ParameterName, 'Labels to report, comma separated (PERSON,COUNTRY,ORGANIZATION,LOCATION)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Document language; `auto` detects French or English per document')
            [CompletionResult]::new('--gazetteer', '--gazetteer', [CompletionResultType]::ParameterName, 'An extra gazetteer (TSV, DESIGN §6 format or `name<TAB>label`); repeatable. Its rows win')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads (default: all cores)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads (default: all cores)')
            [CompletionResult]::new('--eval', '--eval', [CompletionResultType]::ParameterName, 'Evaluation mode: run over the texts of a gold JSONL file ({"id","text","entities"} per line) and print precision, recall and F1 per label, as ../shared/tools/score.py and docscore.py would')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'With --eval: label renames applied to gold and predictions, e.g. COUNTRY=LOC,LOCATION=LOC. (PERSON→PER, LOCATION/COUNTRY/GPE→LOC, ORGANIZATION→ORG are built in when the gold labels are PER/LOC/ORG style.)')
            [CompletionResult]::new('--eval-labels', '--eval-labels', [CompletionResultType]::ParameterName, 'With --eval: the labels scored, after mapping (default: every gold label except MISC)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Explain a surface form: its normalized key, every gazetteer entry it matches (label, canonical, kb_id, flags, list and line) and whether it is a given-name, title or demonym cue; repeatable')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Print the man page (`man`) or a shell completion script (bash, zsh, fish, elvish, powershell) made from these very flags, then exit. The committed copies under `docs/` come from here')
            [CompletionResult]::new('--no-builtin-gazetteers', '--no-builtin-gazetteers', [CompletionResultType]::ParameterName, 'Do not load the built-in entity lists (only --gazetteer files and the rules'' word lists)')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Pretty-print JSON')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Add each document''s distinct entities with mention counts and canonical names: a `summary` field in JSON, one row per referent in TSV (the HTML page always shows it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notes and no progress bar on stderr (errors are still reported)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notes and no progress bar on stderr (errors are still reported)')
            [CompletionResult]::new('--show-errors', '--show-errors', [CompletionResultType]::ParameterName, 'With --eval: list every false positive and miss, with context')
            [CompletionResult]::new('--eval-json', '--eval-json', [CompletionResultType]::ParameterName, 'With --eval: print the result as one JSON object')
            [CompletionResult]::new('--list-gazetteers', '--list-gazetteers', [CompletionResultType]::ParameterName, 'List the compiled gazetteers: rows and distinct canonical names per list, label, lang and source (with any --gazetteer files), then exit')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
