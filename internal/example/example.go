// Package example holds padan's built-in example: the ANTARA article
// "Korea Utara–Rusia" in Indonesian, translated by Jafar M Sidik and edited
// by Atman Ahdiat, embedded in the binary so that `padan demo` needs no file.
package example

import _ "embed"

// ArticleName is the file name of the built-in article.
const ArticleName = "antara-korea-utara-rusia.txt"

// Article is the built-in article, byte for byte as ANTARA published it.
//
//go:embed antara-korea-utara-rusia.txt
var Article []byte
