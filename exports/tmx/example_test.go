package tmx_test

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/tmx"
)

func ExampleWriter() {
	w, err := tmx.NewWriter(os.Stdout, tmx.Header{SrcLang: "id", CreationToolVersion: "1.0"})
	if err != nil {
		panic(err)
	}
	w.Write(exports.Unit{
		ID: "s2", Document: "berita.txt", Segment: 2, SourceLang: "id", TargetLang: "en",
		Source: "Baca \ue000berita\ue001.", Target: "Read \ue000the story\ue001.",
		Codes: []exports.Code{
			{Kind: exports.CodeBPT, I: "1", Content: "&lt;b&gt;"},
			{Kind: exports.CodeEPT, I: "1", Content: "&lt;/b&gt;"},
		},
		Status:     exports.StatusTranslated,
		Translator: exports.Revision{Author: "Jafar M Sidik", Time: time.Date(2023, 9, 12, 8, 0, 0, 0, time.UTC)},
	})
	if err := w.Close(); err != nil {
		panic(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <!DOCTYPE tmx SYSTEM "tmx14.dtd">
	// <tmx version="1.4">
	//   <header creationtool="padan" creationtoolversion="1.0" segtype="sentence" o-tmf="padan" adminlang="en" srclang="id" datatype="plaintext" o-encoding="UTF-8"/>
	//   <body>
	//     <tu tuid="s2" creationid="Jafar M Sidik" creationdate="20230912T080000Z">
	//       <prop type="x-document">berita.txt</prop>
	//       <prop type="x-segment">2</prop>
	//       <prop type="x-status">translated</prop>
	//       <prop type="x-translator">Jafar M Sidik</prop>
	//       <tuv xml:lang="id">
	//         <seg>Baca <bpt i="1">&lt;b&gt;</bpt>berita<ept i="1">&lt;/b&gt;</ept>.</seg>
	//       </tuv>
	//       <tuv xml:lang="en">
	//         <seg>Read <bpt i="1">&lt;b&gt;</bpt>the story<ept i="1">&lt;/b&gt;</ept>.</seg>
	//       </tuv>
	//     </tu>
	//   </body>
	// </tmx>
}

func ExampleReader() {
	const file = `<tmx version="1.4">
<header srclang="en" adminlang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" datatype="plaintext"/>
<body>
<tu tuid="7"><tuv xml:lang="en"><seg>Hello <ph x="1">{name}</ph>!</seg></tuv><tuv xml:lang="id"><seg>Halo <ph x="1">{name}</ph>!</seg></tuv></tu>
</body></tmx>`
	r := tmx.NewReader(strings.NewReader(file), "hello.tmx")
	for {
		u, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %s→%s %q → %q, %d code: %s %s\n", u.ID, u.SourceLang, u.TargetLang,
			exports.StripCodes(u.Source, u.Codes), exports.StripCodes(u.Target, u.Codes), len(u.Codes), u.Codes[0].Kind, u.Codes[0].Content)
	}
	// Output:
	// 7 en→id "Hello !" → "Halo !", 1 code: ph {name}
}
