package shelf

// Opaque Go values: a functional-options API's options, and values of other packages'
// types, which Python holds by handle and passes back.

import (
	"io"
	"net/url"
	"regexp"
	"strings"
)

type settings struct {
	prefix string
	upper  bool
}

// Option sets how Render renders (a functional option: its values come from WithPrefix and
// Upper).
type Option func(*settings)

// WithPrefix puts prefix before the text.
func WithPrefix(prefix string) Option { return func(s *settings) { s.prefix = prefix } }

// Upper renders in upper case.
func Upper() Option { return func(s *settings) { s.upper = true } }

// Render renders text with the options, applied in order.
func Render(text string, options ...Option) string {
	var s settings
	for _, option := range options {
		option(&s)
	}
	if s.upper {
		text = strings.ToUpper(text)
	}
	return s.prefix + text
}

// ApplyOne applies one option (nil: none).
func ApplyOne(text string, option Option) string {
	if option == nil {
		return text
	}
	return Render(text, option)
}

// Pattern compiles a regular expression: a *regexp.Regexp of another package.
func Pattern(expr string) (*regexp.Regexp, error) { return regexp.Compile(expr) }

// Matches reports whether re matches text.
func Matches(re *regexp.Regexp, text string) bool { return re.MatchString(text) }

// Text is a reader of text: an io.Reader.
func Text(text string) io.Reader { return strings.NewReader(text) }

// ReadAll reads r to its end.
func ReadAll(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	return string(data), err
}

// Address parses raw: a url.URL, a struct value of another package, held by handle as a copy.
func Address(raw string) (url.URL, error) {
	parsed, err := url.Parse(raw)
	if err != nil {
		return url.URL{}, err
	}
	return *parsed, nil
}

// Described is what describe says of the address raw parses (a callback given an opaque value).
func Described(raw string, describe func(address url.URL) string) (string, error) {
	address, err := Address(raw)
	if err != nil {
		return "", err
	}
	return describe(address), nil
}

// Host is the host of address (a copy of the value Python holds).
func Host(address url.URL) string { return address.Host }

// Source is what NewSource makes: an interface type of the package with no methods (as gojq's
// ModuleLoader), whose values Python holds by handle.
type Source any

type namedSource struct{ name string }

// NewSource makes a Source.
func NewSource(name string) Source { return &namedSource{name} }

// SourceName is the name of a Source NewSource made ("" for any other value).
func SourceName(source Source) string {
	if named, ok := source.(*namedSource); ok {
		return named.name
	}
	return ""
}

// Addresses parses each raw (url.URL values inside a result).
func Addresses(raws ...string) []url.URL {
	out := []url.URL{}
	for _, raw := range raws {
		if parsed, err := url.Parse(raw); err == nil {
			out = append(out, *parsed)
		}
	}
	return out
}

// Hosts are the hosts of addresses (url.URL values inside an argument).
func Hosts(addresses []url.URL) []string {
	out := []string{}
	for _, address := range addresses {
		out = append(out, address.Host)
	}
	return out
}

// EachAddress calls visit with a url.URL value and a *url.URL: two classes.
func EachAddress(visit func(address url.URL, pointer *url.URL)) {
	parsed, _ := url.Parse("https://go.dev/")
	visit(*parsed, parsed)
}

// Stall holds a Source: an opaque value of the package inside a value.
type Stall struct {
	Source Source
	Name   string
}

// NewStall makes one.
func NewStall(name string) Stall { return Stall{Source: NewSource(name), Name: name} }

// StallSource is the name of the stall's source.
func StallSource(stall Stall) string { return SourceName(stall.Source) }
