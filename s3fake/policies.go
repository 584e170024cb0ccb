package s3fake

import (
	"sync"

	"github.com/s3fake/s3fake/internal/access"
)

// policyStore holds each bucket's policy: the document as sent (GET
// returns it byte for byte) and its parsed form (for evaluation).
type policyStore struct {
	mu sync.RWMutex
	m  map[string]storedPolicy
}

type storedPolicy struct {
	raw    []byte
	parsed *access.Policy
}

func newPolicyStore() *policyStore { return &policyStore{m: map[string]storedPolicy{}} }

func (p *policyStore) get(bucket string) (storedPolicy, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	sp, ok := p.m[bucket]
	return sp, ok
}

func (p *policyStore) put(bucket string, sp storedPolicy) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.m[bucket] = sp
}

func (p *policyStore) drop(bucket string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.m, bucket)
}

// parsedPolicy is the bucket's parsed policy, nil when it has none.
func (p *policyStore) parsedPolicy(bucket string) *access.Policy {
	sp, _ := p.get(bucket)
	return sp.parsed
}
