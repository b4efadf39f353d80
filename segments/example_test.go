package segments_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/padan-tm/padan/segments"
)

func ExampleSegmenter_Split() {
	seg := segments.DefaultRules().Segmenter(language.Indonesian)
	segs, err := seg.Split("Prof. Dr. Budi tiba pukul 09.30 WIB di AS.Perkembangan terbaru menyusul.")
	if err != nil {
		fmt.Println(err) // a rule that ran out of time
		return
	}
	for _, s := range segs {
		fmt.Printf("%d-%d %s\n", s.Start, s.End, s.Text)
	}
	// Output:
	// 0-42 Prof. Dr. Budi tiba pukul 09.30 WIB di AS.
	// 42-72 Perkembangan terbaru menyusul.
}

func ExampleSegmenter_Article() {
	text := "Seoul (ANTARA) - Kim tiba di Rusia. Dia bertemu Putin.\n\nPenerjemah: Jafar M Sidik\n\nCOPYRIGHT © ANTARA 2023"
	doc, err := segments.DefaultRules().Segmenter(language.Indonesian).Article(text)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", doc.Metadata)
	for _, s := range doc.Segments {
		fmt.Println(s.Index, s.Kind, s.Text)
	}
	// Output:
	// {Date: Place:Seoul Agency:ANTARA Translator:Jafar M Sidik Editor: Reporter: Copyright:COPYRIGHT © ANTARA 2023}
	// 1 dateline Seoul (ANTARA) -
	// 2 sentence Kim tiba di Rusia.
	// 3 sentence Dia bertemu Putin.
}

func ExampleRebuild() {
	text := "Kim tiba.Dia bertemu Putin.\n\nPenerjemah: X"
	doc, err := segments.DefaultRules().Segmenter(language.Indonesian).Article(text)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", segments.Rebuild(text, doc.Segments, []string{"Kim arrived.", "He met Putin."}))
	// Output:
	// "Kim arrived. He met Putin.\n\nPenerjemah: X"
}
