package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"chidao/app"
	"chidao/docs"
)

// cmdInspect parses one file without a library and prints what chidao
// understands of it: metadata, clause outline, footnotes, references.
func cmdInspect(ctx context.Context, g Globals, args []string, out, errw io.Writer) error {
	pos, err := subFlags("inspect", &g, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"inspect: hãy nêu một tệp"}
	}
	_, p, err := app.Inspect(ctx, pos[0], app.Options{})
	if err != nil {
		return fmt.Errorf("không đọc được %s: %s", pos[0], app.Reason(err))
	}
	if p.Clauses == nil {
		p.Clauses = []*docs.Clause{}
	}
	if p.Footnotes == nil {
		p.Footnotes = []docs.Footnote{}
	}
	if p.References == nil {
		p.References = []docs.Reference{}
	}
	if p.Metadata.Recipients == nil {
		p.Metadata.Recipients = []string{}
	}
	if g.JSON {
		return writeJSON(out, p)
	}
	m := p.Metadata
	for _, f := range [][2]string{{"Loại", m.Kind}, {"Số", m.Number}, {"Ngày", m.Date}, {"Nơi ban hành", m.Place},
		{"Cơ quan", m.Issuer}, {"Tiêu đề", m.Title}, {"Người ký", strings.TrimSpace(m.SignerTitle + " " + m.SignerName)}} {
		if f[1] != "" {
			fmt.Fprintf(out, "%-13s %s\n", f[0]+":", f[1])
		}
	}
	if len(m.Recipients) > 0 {
		fmt.Fprintf(out, "Nơi nhận:     %s\n", strings.Join(m.Recipients, "; "))
	}
	fmt.Fprintln(out, "\nDàn ý:")
	printOutline(out, p.Clauses, 0)
	if len(p.Footnotes) > 0 {
		fmt.Fprintln(out, "\nChú thích:")
		for _, f := range p.Footnotes {
			fmt.Fprintf(out, "  (%s) [%s] %s\n", f.Mark, f.Clause, f.Text)
		}
	}
	if len(p.References) > 0 {
		fmt.Fprintln(out, "\nDẫn chiếu:")
		for _, r := range p.References {
			flag := ""
			if r.Uncertain {
				flag = " (chưa chắc chắn)"
			}
			fmt.Fprintf(out, "  %-20s %-14s %s%s\n", r.Number, r.Clause, r.Text, flag)
		}
	}
	return nil
}

func printOutline(out io.Writer, cs []*docs.Clause, depth int) {
	for _, c := range cs {
		line := c.Heading
		if line == "" {
			line = c.Text
		}
		if r := []rune(line); len(r) > 90 {
			line = string(r[:90]) + "…"
		}
		fmt.Fprintf(out, "%s%-16s %s\n", strings.Repeat("  ", depth), c.Address, line)
		printOutline(out, c.Children, depth+1)
	}
}
