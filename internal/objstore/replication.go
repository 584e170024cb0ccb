package objstore

// Replication of new versions, done at once: S3 replicates asynchronously,
// but a fake that replicated behind a test's back would make tests racy.
// A version written under an enabled rule whose filter matches is PENDING;
// when the rule's destination bucket exists in this store with versioning
// Enabled, the replica (same key, version id, content and metadata, status
// REPLICA) is written there in the same critical section and the source
// version is COMPLETED. A destination that exists without versioning is
// FAILED, as S3 cannot replicate there.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-status.html

import (
	"strings"

	"github.com/s3fake/s3fake/internal/bucketcfg"
)

// The replication statuses of a version.
const (
	ReplicationPending   = "PENDING"
	ReplicationCompleted = "COMPLETED"
	ReplicationFailed    = "FAILED"
	ReplicationReplica   = "REPLICA"
)

// replicaPlan is where a new version is to be replicated; the zero value
// is nowhere.
type replicaPlan struct {
	dst          *bucket
	storageClass string // "" keeps the source's
	ownerToDst   bool   // AccessControlTranslation Owner=Destination
}

// replicationPlanLocked finds the rule of b's replication configuration
// that applies to a new version of key with tags, sets f's replication
// status and returns where the replica goes.
func (s *Store) replicationPlanLocked(b *bucket, key string, tags []Tag, f *Facts) replicaPlan {
	cfg := b.configs.replication
	if cfg == nil {
		return replicaPlan{}
	}
	rule, ok := matchingReplicationRule(cfg.Rules, key, tags, f.Encryption)
	if !ok {
		return replicaPlan{}
	}
	f.ReplicationStatus = ReplicationPending
	name, _ := bucketcfg.DestinationBucket(rule.Destination.Bucket)
	dst, exists := s.buckets[name]
	switch {
	case !exists || dst == b:
		return replicaPlan{}
	case dst.versioning != VersioningEnabled:
		f.ReplicationStatus = ReplicationFailed
		return replicaPlan{}
	}
	f.ReplicationStatus = ReplicationCompleted
	return replicaPlan{dst: dst, storageClass: rule.Destination.StorageClass,
		ownerToDst: rule.Destination.AccessControlOwner == "Destination"}
}

// matchingReplicationRule is the enabled rule that applies to key: of the
// V2 rules whose filter matches, the one with the highest priority (S3's
// conflict rule); a V1 rule matches by prefix. An object encrypted with
// SSE-KMS or DSSE-KMS (encryption, its Facts.Encryption) is replicated
// only by a rule whose SourceSelectionCriteria enable
// SseKmsEncryptedObjects, as S3 documents; other rules leave it alone.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
func matchingReplicationRule(rules []bucketcfg.ReplicationRule, key string, tags []Tag, encryption string) (bucketcfg.ReplicationRule, bool) {
	var best bucketcfg.ReplicationRule
	found := false
	kms := encryption == EncryptionSSEKMS || encryption == EncryptionDSSEKMS
	for _, r := range rules {
		if r.Status != bucketcfg.StatusEnabled || !replicationFilterMatches(r, key, tags) || kms && !replicatesKMS(r) {
			continue
		}
		if !found || priority(r) > priority(best) {
			best, found = r, true
		}
	}
	return best, found
}

// replicatesKMS reports whether r replicates SSE-KMS objects.
func replicatesKMS(r bucketcfg.ReplicationRule) bool {
	c := r.SourceSelectionCriteria
	return c != nil && c.SSEKMSEncryptedObjects == bucketcfg.StatusEnabled
}

func priority(r bucketcfg.ReplicationRule) int32 {
	if r.Priority == nil {
		return 0
	}
	return *r.Priority
}

func replicationFilterMatches(r bucketcfg.ReplicationRule, key string, tags []Tag) bool {
	if r.Prefix != nil {
		return strings.HasPrefix(key, *r.Prefix)
	}
	f := r.Filter
	switch {
	case f == nil:
		return true
	case f.Prefix != nil:
		return strings.HasPrefix(key, *f.Prefix)
	case f.Tag != nil:
		return hasTag(tags, *f.Tag)
	case f.And != nil:
		if f.And.Prefix != nil && !strings.HasPrefix(key, *f.And.Prefix) {
			return false
		}
		for _, t := range f.And.Tags {
			if !hasTag(tags, t) {
				return false
			}
		}
	}
	return true
}

func hasTag(tags []Tag, want bucketcfg.Tag) bool {
	for _, t := range tags {
		if t.Key == want.Key && t.Value == want.Value {
			return true
		}
	}
	return false
}

// replicateLocked writes the replica of v, the new version of key that
// plan was made for, into the destination: the same version id (S3 keeps
// it), content, metadata, tags and facts, with status REPLICA.
func (s *Store) replicateLocked(plan replicaPlan, key string, v *version) {
	if plan.dst == nil {
		return
	}
	f := v.exportFacts()
	f.ReplicationStatus = ReplicationReplica
	if plan.storageClass != "" {
		f.StorageClass = plan.storageClass
		if f.StorageClass != StorageIntelligentTiering {
			f.AccessTier = ""
		}
	}
	if plan.ownerToDst {
		f.OwnerAccount, f.OwnerID = plan.dst.owner, ""
	}
	h, err := s.factsLocked(plan.dst, f)
	if err != nil {
		return // a class the source could not have: nothing to replicate
	}
	r := *v
	r.facts = h
	r.flags &^= flagNull
	if v.extra != nil && plan.ownerToDst {
		// S3 replicates the object's ACL unless the replica changes owner;
		// then the destination owner's default ACL is the replica's.
		// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html
		x := *v.extra
		x.grants = nil
		r.extra = &x
	}
	s.noteKeyLocked(plan.dst, key) // journal.go
	plan.dst.index.update(key, func(head *version) *version {
		r.next = head
		return &r
	})
}
