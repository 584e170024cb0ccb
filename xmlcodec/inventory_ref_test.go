package xmlcodec

import (
	"github.com/s3fake/s3fake/inventory"
)

// The inventory decoder first built a tree and then the model; it now
// builds the model inside withTree with pooled arenas. The first version
// is kept here as the reference the decoder must agree with.

func refDecodeInventory(data []byte) (inventory.Configuration, error) {
	var cfg inventory.Configuration
	root, err := parseTree(data)
	if err != nil {
		return cfg, err
	}
	if root.name != "InventoryConfiguration" {
		return cfg, malformed("root element %s", root.name)
	}
	top, err := root.childrenBy(configSchema)
	if err != nil {
		return cfg, err
	}
	if cfg.ID, err = top.get("Id")[0].leaf(); err != nil {
		return cfg, err
	}
	enabled, err := top.get("IsEnabled")[0].leaf()
	if err != nil {
		return cfg, err
	}
	switch enabled {
	case "true":
		cfg.IsEnabled = true
	case "false":
	default:
		return cfg, malformed("IsEnabled %q is not a boolean", enabled)
	}
	versions, err := top.get("IncludedObjectVersions")[0].leaf()
	if err != nil {
		return cfg, err
	}
	cfg.IncludedObjectVersions = inventory.IncludedVersions(versions)
	if cfg.Frequency, err = refDecodeSchedule(top.get("Schedule")[0]); err != nil {
		return cfg, err
	}
	if cfg.Destination, err = refDecodeDestination(top.get("Destination")[0]); err != nil {
		return cfg, err
	}
	if f := top.get("Filter"); len(f) == 1 {
		kids, err := f[0].childrenBy(filterSchema)
		if err != nil {
			return cfg, err
		}
		prefix, err := kids.get("Prefix")[0].leaf()
		if err != nil {
			return cfg, err
		}
		cfg.Filter = &inventory.Filter{Prefix: prefix}
	}
	if of := top.get("OptionalFields"); len(of) == 1 {
		kids, err := of[0].childrenBy(optionalFieldsSchema)
		if err != nil {
			return cfg, err
		}
		for _, f := range kids.get("Field") {
			v, err := f.leaf()
			if err != nil {
				return cfg, err
			}
			cfg.OptionalFields = append(cfg.OptionalFields, inventory.Field(v))
		}
	}
	return cfg, nil
}

func refDecodeSchedule(n *node) (inventory.Frequency, error) {
	kids, err := n.childrenBy(scheduleSchema)
	if err != nil {
		return "", err
	}
	v, err := kids.get("Frequency")[0].leaf()
	return inventory.Frequency(v), err
}

func refDecodeDestination(n *node) (inventory.Destination, error) {
	var d inventory.Destination
	outer, err := n.childrenBy(destinationSchema)
	if err != nil {
		return d, err
	}
	kids, err := outer.get("S3BucketDestination")[0].childrenBy(s3DestinationSchema)
	if err != nil {
		return d, err
	}
	if d.BucketARN, err = kids.get("Bucket")[0].leaf(); err != nil {
		return d, err
	}
	format, err := kids.get("Format")[0].leaf()
	if err != nil {
		return d, err
	}
	d.Format = inventory.Format(format)
	if d.AccountID, err = refOptionalLeaf(kids.get("AccountId")); err != nil {
		return d, err
	}
	if d.Prefix, err = refOptionalLeaf(kids.get("Prefix")); err != nil {
		return d, err
	}
	if enc := kids.get("Encryption"); len(enc) == 1 {
		d.Encryption, err = refDecodeEncryption(enc[0])
	}
	return d, err
}

func refDecodeEncryption(n *node) (*inventory.Encryption, error) {
	kids, err := n.childrenBy(encryptionSchema)
	if err != nil {
		return nil, err
	}
	e := &inventory.Encryption{}
	if s3 := kids.get("SSE-S3"); len(s3) == 1 {
		v, err := s3[0].leaf()
		if err != nil {
			return nil, err
		}
		if trimSpace(v) != "" {
			return nil, malformed("SSE-S3 must be empty")
		}
		e.SSES3 = true
	}
	if kms := kids.get("SSE-KMS"); len(kms) == 1 {
		kk, err := kms[0].childrenBy(sseKMSSchema)
		if err != nil {
			return nil, err
		}
		key, err := kk.get("KeyId")[0].leaf()
		if err != nil {
			return nil, err
		}
		e.SSEKMS = &inventory.SSEKMS{KeyID: key}
	}
	return e, nil
}

func refOptionalLeaf(ns []*node) (*string, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	v, err := ns[0].leaf()
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// The schema of the reference decoder (the decoder itself switches on
// element names).
var (
	configSchema = schema{
		{name: "Destination", required: true},
		{name: "IsEnabled", required: true},
		{name: "Filter"},
		{name: "Id", required: true},
		{name: "IncludedObjectVersions", required: true},
		{name: "OptionalFields"},
		{name: "Schedule", required: true},
	}
	destinationSchema   = schema{{name: "S3BucketDestination", required: true}}
	s3DestinationSchema = schema{
		{name: "AccountId"},
		{name: "Bucket", required: true},
		{name: "Format", required: true},
		{name: "Prefix"},
		{name: "Encryption"},
	}
	encryptionSchema     = schema{{name: "SSE-S3"}, {name: "SSE-KMS"}}
	sseKMSSchema         = schema{{name: "KeyId", required: true}}
	filterSchema         = schema{{name: "Prefix", required: true}}
	optionalFieldsSchema = schema{{name: "Field", repeated: true}}
	scheduleSchema       = schema{{name: "Frequency", required: true}}
)

// RefDecodeInventory is the reference, for the fuzz target in package
// xmlcodec_test (which may import fixtures).
var RefDecodeInventory = refDecodeInventory
