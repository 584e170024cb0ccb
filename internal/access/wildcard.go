package access

import "unicode/utf8"

// wildcardMatch reports whether s matches pattern, where '*' matches any
// run of characters (including '/' and none) and '?' exactly one
// character, as in IAM's Action, Resource and StringLike. It is linear
// in practice: the classic backtrack-to-last-star algorithm, on runes so
// that '?' matches one character of a Unicode key, not one byte.
func wildcardMatch(pattern, s string) bool {
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		if p < len(pattern) {
			switch pattern[p] {
			case '*':
				starP, starI = p, i
				p++
				continue
			case '?':
				_, n := utf8.DecodeRuneInString(s[i:])
				p++
				i += n
				continue
			default:
				// Bytes, not decoded runes: two different invalid bytes
				// both decode to RuneError and must not compare equal.
				if pattern[p] == s[i] {
					p++
					i++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last '*' swallow one more character and retry.
		_, n := utf8.DecodeRuneInString(s[starI:])
		starI += n
		p, i = starP+1, starI
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
