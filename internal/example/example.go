// Package example holds padan's built-in example: the ANTARA article
// "Korea Utara–Rusia" in Indonesian, translated by Jafar M Sidik and edited
// by Atman Ahdiat, embedded in the binary so that `padan demo` needs no file.
package example

import _ "embed"

// ArticleName is the file name of the built-in article.
const ArticleName = "antara-korea-utara-rusia.txt"

// Translator is the article's credited translator, the author of [Translation].
const Translator = "Jafar M Sidik"

// Editor is the article's credited editor, the author of [Revision].
const Editor = "Atman Ahdiat"

// Article is the built-in article, byte for byte as ANTARA published it.
//
//go:embed antara-korea-utara-rusia.txt
var Article []byte

// Translation is the translator's English draft of the article's 37 units,
// as `padan translate --from` reads it: one line per unit, INDEX<TAB>TEXT
// with a 1-based index, `#` comment lines at the top, and `\t`, `\n`, `\\`
// escapes inside a text.
//
//go:embed translation.en.tsv
var Translation []byte

// Revision is the editor's English revision of [Translation], in the same
// format and with a line for every unit, changed or not; changes.md beside
// it lists what the editor changed and why.
//
//go:embed revision.en.tsv
var Revision []byte

// Terms is the desk's term base for the article, a CSV glossary (`padan
// terms import` reads it): agreed translations, which the editor's revision
// follows, and forbidden ones.
//
//go:embed terms.id-en.csv
var Terms []byte
