package postgres_test

import (
	"fmt"

	"github.com/padan-tm/padan/tm/internal/postgres"
)

func ExampleRedact() {
	fmt.Println(postgres.Redact("postgres://ana:s3cret@db.newsroom.example:5432/padan?sslmode=verify-full"))
	fmt.Println(postgres.Redact("host=db.newsroom.example user=ana password='s3 cret' dbname=padan"))
	// Output:
	// postgres://ana:xxxxx@db.newsroom.example:5432/padan?sslmode=verify-full
	// host=db.newsroom.example user=ana password=xxxxx dbname=padan
}

func ExamplePhraseCondition() {
	fmt.Println(postgres.PhraseCondition("e", false, 1))
	q, _ := postgres.PhraseQuery("Kerja sama (Korea-Utara)")
	fmt.Println(q)
	// Output:
	// e.source_words @@ $1::tsquery
	// ('kerja' <-> 'sama') <-> ('korea' <-> 'utara')
}
