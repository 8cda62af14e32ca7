package codec

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

type heldThing struct {
	Name  string
	count int
}

func (h *heldThing) Area() float64 { return float64(h.count) }

type heldShape interface{ Area() float64 }

type heldSquare struct{ side float64 }

func (s *heldSquare) Area() float64 { return s.side * s.side }

type heldOption func(*heldThing)

type heldForeign struct{ host string } // another package's struct value: an opaque value

type heldBag struct {
	Things  []*heldThing
	ByName  map[string]*heldThing
	Form    heldShape
	Options []heldOption
	Copy    heldThing
}

func init() {
	RegisterObject(reflect.TypeOf((*heldThing)(nil)), "m", "Thing")
	RegisterObject(reflect.TypeOf((*heldShape)(nil)).Elem(), "m", "Shape")
	RegisterObject(reflect.TypeOf((*heldSquare)(nil)), "m", "Square")
	RegisterObject(reflect.TypeOf(heldOption(nil)), "m", "Option")
	RegisterObject(reflect.TypeOf(heldForeign{}), "m", "Foreign")
	Register(reflect.TypeOf(heldBag{}), "m", "Bag", []string{"Things", "ByName", "Form", "Options", "Copy"})
}

// holds is how many holders handle id counts (0: gone).
func holds(id uint64) int64 {
	handles.RLock()
	defer handles.RUnlock()
	if entry, ok := handles.byID[id]; ok {
		return entry.count
	}
	return 0
}

// pyHeld is the pickle Python writes for a list of Go objects of class m.<class> with these
// handles (protocol 2 opcodes: _object(cls, handle) each).
func pyHeld(class string, ids ...uint64) []byte {
	b := []byte{opProto, 2, opEmptyList, opMark}
	for _, id := range ids {
		b = append(b, "cm\n_object\ncm\n"+class+"\n"...)
		b = append(b, 'J')
		b = binary.LittleEndian.AppendUint32(b, uint32(id))
		b = append(b, opTuple2, opReduce)
	}
	return append(b, opAppends, opStop)
}

func TestObjectsInsideValuesCrossAsHandlesCountedPerOccurrence(t *testing.T) {
	a, b := &heldThing{Name: "a"}, &heldThing{Name: "b"}
	data, held, err := EncodeHeld([]*heldThing{a, a, nil, b})
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != 3 || held[0] != held[1] || held[0] == held[2] {
		t.Fatalf("held %v", held)
	}
	if holds(held[0]) != 2 || holds(held[2]) != 1 {
		t.Fatalf("holds %d, %d", holds(held[0]), holds(held[2]))
	}
	if !bytes.Contains(data, []byte("_object")) || bytes.Count(data, []byte("_object")) != 1 {
		t.Fatalf("the helper is named once per stream: %q", data)
	}
	var back []*heldThing // Python sends its objects back as the same calls
	mustDecode(t, data, &back)
	if len(back) != 4 || back[0] != a || back[1] != a || back[2] != nil || back[3] != b {
		t.Fatalf("decoded %v", back)
	}
	mustDecode(t, pyHeld("Thing", held[2], held[0]), &back)
	if len(back) != 2 || back[0] != b || back[1] != a {
		t.Fatalf("decoded Python's pickle as %v", back)
	}
	Release(held[0], 2)
	Release(held[2], 1)
	if holds(held[0]) != 0 || holds(held[2]) != 0 {
		t.Fatal("not released")
	}
}

func TestAStreamThatFailsOrIsWrittenAgainKeepsNoExtraHolds(t *testing.T) {
	before := Handles()
	a := &heldThing{Name: "a"}
	if _, err := Encode([]interface{}{a, make(chan int)}); err == nil {
		t.Fatal("a channel inside a value encoded")
	}
	if Handles() != before {
		t.Fatalf("a failed stream kept %d handles", Handles()-before)
	}
	shared := map[string]interface{}{"x": 1}
	_, held, err := EncodeHeld([]interface{}{shared, a, shared}) // written twice (shared)
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != 1 || holds(held[0]) != 1 {
		t.Fatalf("held %v, %d holds", held, holds(held[0]))
	}
	Release(held[0], 1)
	if Handles() != before {
		t.Fatal("not released")
	}
}

func TestInterfacesStructValuesAndOpaqueValuesInsideValues(t *testing.T) {
	before := Handles()
	square := &heldSquare{side: 2}
	option := heldOption(func(h *heldThing) { h.Name = "set" })
	bag := heldBag{
		Things:  []*heldThing{{Name: "t"}},
		ByName:  map[string]*heldThing{"n": {Name: "n"}},
		Form:    square,
		Options: []heldOption{option},
		Copy:    heldThing{Name: "copy", count: 3},
	}
	data, held, err := EncodeHeld(bag)
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != 5 {
		t.Fatalf("held %v", held)
	}
	for _, class := range []string{"Thing", "Square", "Option", "Bag"} {
		if !bytes.Contains(data, []byte(class)) {
			t.Fatalf("no class %s in %q", class, data)
		}
	}
	if bytes.Contains(data, []byte("Shape")) {
		t.Fatal("an interface holding a registered object type is that type's object")
	}
	var back heldBag
	mustDecode(t, data, &back)
	if back.Form != heldShape(square) || back.Things[0] != bag.Things[0] || back.ByName["n"] != bag.ByName["n"] {
		t.Fatalf("decoded %+v", back)
	}
	var h heldThing
	back.Options[0](&h)
	if h.Name != "set" || back.Copy.count != 3 || back.Copy.Name != "copy" {
		t.Fatalf("option or copy lost: %+v %+v", h, back.Copy)
	}
	var anything []interface{} // inside an any: the Go value the object holds
	mustDecode(t, pyHeld("Square", held[2]), &anything)
	if anything[0] != interface{}(square) {
		t.Fatalf("decoded %v", anything)
	}
	for _, id := range held {
		Release(id, 1)
	}
	if Handles() != before {
		t.Fatal("not released")
	}
}

func TestOpaqueStructValuesAreHeldAsValues(t *testing.T) {
	before := Handles()
	data, held, err := EncodeHeld([]heldForeign{{"a"}, {"b"}})
	if err != nil || len(held) != 2 {
		t.Fatalf("held %v, %v", held, err)
	}
	if v, ok := Value(held[1]).(heldForeign); !ok || v.host != "b" {
		t.Fatalf("held %#v", Value(held[1]))
	}
	var back []heldForeign
	mustDecode(t, data, &back)
	if len(back) != 2 || back[0].host != "a" {
		t.Fatalf("decoded %v", back)
	}
	none := []byte{opProto, 2, opEmptyList, opMark, opNone, opAppends, opStop}
	mustDecode(t, none, &back) // None: Go's zero value (a data struct's default field)
	if len(back) != 1 || back[0] != (heldForeign{}) {
		t.Fatalf("decoded None as %v", back)
	}
	for _, id := range held {
		Release(id, 1)
	}
	if Handles() != before {
		t.Fatal("not released")
	}
}

func TestHandlesThatDoNotFitAreErrors(t *testing.T) {
	thing := &heldThing{}
	id := Keep(thing)
	defer Release(id, 1)
	var squares []*heldSquare
	err := Decode(pyHeld("Thing", id), &squares)
	if err == nil || !strings.Contains(err.Error(), "expected m.Square for Go *codec.heldSquare, got m.Thing") {
		t.Fatalf("error %v", err)
	}
	var numbers []int
	err = Decode(pyHeld("Thing", id), &numbers)
	if err == nil || !strings.Contains(err.Error(), "got m.Thing (a Go object)") {
		t.Fatalf("error %v", err)
	}
	gone := Keep(&heldThing{})
	Release(gone, 1)
	var things []*heldThing
	err = Decode(pyHeld("Thing", gone), &things)
	if err == nil || !strings.Contains(err.Error(), "the Thing is closed") {
		t.Fatalf("error %v", err)
	}
	err = Decode(pyHeld("Unknown", id), &things)
	if err == nil || !strings.Contains(err.Error(), "unsupported Python global m.Unknown") {
		t.Fatalf("error %v", err)
	}
}

func TestHandlesInsideValuesFromManyGoroutines(t *testing.T) {
	before := Handles()
	shared := &heldThing{Name: "shared"}
	var group sync.WaitGroup
	for i := 0; i < 8; i++ {
		group.Add(1)
		go func() {
			defer group.Done()
			for round := 0; round < 200; round++ {
				data, held, err := EncodeHeld([]*heldThing{shared, {Name: "own"}})
				if err != nil {
					t.Error(err)
					return
				}
				var back []*heldThing
				if err := Decode(data, &back); err != nil || back[0] != shared {
					t.Errorf("decoded %v, %v", back, err)
					return
				}
				for _, id := range held {
					Release(id, 1)
				}
			}
		}()
	}
	group.Wait()
	if Handles() != before {
		t.Fatalf("%d handles left", Handles()-before)
	}
}

func TestAnIteratorStoppedWithBatchesUnreadReleasesTheirObjects(t *testing.T) {
	before := Handles()
	for round := 0; round < 200; round++ {
		it := NewIterator()
		finished := make(chan struct{})
		it.Run(func() {
			defer close(finished)
			for i := 0; i < 10; i++ {
				if !it.Send([]*heldThing{{Name: "x"}, {Name: "y"}}) {
					return
				}
			}
		})
		if round%2 == 0 { // stopped while a batch waits, or as one is sent
			for len(it.batches) == 0 {
				runtime.Gosched()
			}
		}
		it.Stop()
		<-finished
		it.Stop() // the batch a producer sent as Python stopped (Send drops it too)
	}
	if Handles() != before {
		t.Fatalf("%d handles of unread batches left", Handles()-before)
	}
}

// url.URL and *url.URL are two opaque classes: the pointer's registration, after or before
// the value's, must not take the value's struct type over (found by a hostile test: []url.URL
// came back as the pointer's class, which the package refused back).
type heldValueFirst struct{ n int }
type heldPointerFirst struct{ n int }

func TestAStructTypeAndItsPointerKeepTheirOwnClasses(t *testing.T) {
	RegisterObject(reflect.TypeOf(heldValueFirst{}), "m", "ValueFirst")
	RegisterObject(reflect.TypeOf((*heldValueFirst)(nil)), "m", "ValueFirst_")
	RegisterObject(reflect.TypeOf((*heldPointerFirst)(nil)), "m", "PointerFirst_")
	RegisterObject(reflect.TypeOf(heldPointerFirst{}), "m", "PointerFirst")
	for value, class := range map[interface{}]string{
		heldValueFirst{}: "ValueFirst", &heldValueFirst{}: "ValueFirst_",
		heldPointerFirst{}: "PointerFirst", &heldPointerFirst{}: "PointerFirst_",
	} {
		if got := objectOf(reflect.TypeOf(value)).class; got != class {
			t.Errorf("%T: class %s, want %s", value, got, class)
		}
	}
}
