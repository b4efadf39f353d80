package memory

import (
	"bufio"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// spill holds the posting blocks of a big write's earlier flushes in a
// temporary file until its last flush, which merges them: one block per
// (pair, token, key count) for the whole write, not one per flush, without
// the write's postings in memory. A lookup reads a list's blocks one row
// each, so fewer blocks are less work for every later lookup (and fewer
// rows to write and index).
//
// The file holds runs, one per flush, each a sequence of records in
// increasing (pair, token, key count); a record is that key, the block's
// first and last ids and its encoded ids ([encodePostings]). Ids grow from
// one flush to the next, so the blocks of one key in run order join into
// one block by their bytes alone: the delta from one block's last id to the
// next one's first goes between them.
type spill struct {
	f    *os.File
	w    *bufio.Writer
	ends []int64 // offset of the end of each run
	size int64
	buf  []byte
}

// joinedBytes is the size at which a joined block stops taking in the
// blocks of later runs (a variable for tests): the list of a key in most
// entries then goes on in another block, so that neither the writer nor a
// lookup holds a block that grows with the memory.
var joinedBytes = 64 << 10

// spillBlock is one record of a run.
type spillBlock struct {
	pair, token int64
	len         int
	first, last int64
	ids         []byte // encoded as encodePostings does, without first
}

// newSpill creates the temporary file.
func newSpill() (*spill, error) {
	f, err := os.CreateTemp("", "padan-postings-*")
	if err != nil {
		return nil, fmt.Errorf("postings file: %w", err)
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// close removes the file.
func (s *spill) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// put appends a block to the current run.
func (s *spill) put(b spillBlock) error {
	s.buf = s.buf[:0]
	for _, v := range []uint64{uint64(b.pair), uint64(b.token), uint64(b.len), uint64(b.first), uint64(b.last), uint64(len(b.ids))} {
		s.buf = binary.AppendUvarint(s.buf, v)
	}
	s.buf = append(s.buf, b.ids...)
	n, err := s.w.Write(s.buf)
	s.size += int64(n)
	if err != nil {
		return fmt.Errorf("postings file %s: %w", s.f.Name(), err)
	}
	return nil
}

// endRun ends the current run.
func (s *spill) endRun() {
	s.ends = append(s.ends, s.size)
}

// merge reads the runs back and calls put with each key's blocks joined
// into one, in increasing (pair, token, key count).
func (s *spill) merge(put func(spillBlock) error) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("postings file %s: %w", s.f.Name(), err)
	}
	h := make(runHeap, 0, len(s.ends))
	start := int64(0)
	for i, end := range s.ends {
		r := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(s.f, start, end-start), 1<<16), order: i}
		start = end
		ok, err := r.next()
		if err != nil {
			return s.corrupt(err)
		}
		if ok {
			h = append(h, r)
		}
	}
	heap.Init(&h)
	var joined spillBlock
	have := false
	for len(h) > 0 {
		r := h[0]
		b := r.block
		if have && sameKey(joined, b) && len(joined.ids)+len(b.ids) < joinedBytes {
			if b.first <= joined.last {
				return s.corrupt(errors.New("ids out of order"))
			}
			joined.ids = binary.AppendUvarint(joined.ids, uint64(b.first-joined.last))
			joined.ids = append(joined.ids, b.ids...)
			joined.last = b.last
		} else {
			if have {
				if err := put(joined); err != nil {
					return err
				}
			}
			joined, have = b, true
		}
		ok, err := r.next()
		if err != nil {
			return s.corrupt(err)
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	if have {
		return put(joined)
	}
	return nil
}

func (s *spill) corrupt(err error) error {
	return fmt.Errorf("postings file %s: %w", s.f.Name(), err)
}

func sameKey(a, b spillBlock) bool {
	return a.pair == b.pair && a.token == b.token && a.len == b.len
}

// runReader reads the records of one run.
type runReader struct {
	r     *bufio.Reader
	order int // the run's place: earlier runs hold smaller ids
	block spillBlock
}

// next reads the next record into block; false at the end of the run.
func (r *runReader) next() (bool, error) {
	var v [6]uint64
	for i := range v {
		x, err := binary.ReadUvarint(r.r)
		if err == io.EOF && i == 0 {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		v[i] = x
	}
	ids := make([]byte, v[5])
	if _, err := io.ReadFull(r.r, ids); err != nil {
		return false, err
	}
	r.block = spillBlock{pair: int64(v[0]), token: int64(v[1]), len: int(v[2]), first: int64(v[3]), last: int64(v[4]), ids: ids}
	return true, nil
}

// runHeap orders runs by their current record's key, then by run.
type runHeap []*runReader

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	a, b := &h[i].block, &h[j].block
	return cmp.Or(cmp.Compare(a.pair, b.pair), cmp.Compare(a.token, b.token), cmp.Compare(a.len, b.len),
		cmp.Compare(h[i].order, h[j].order)) < 0
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
