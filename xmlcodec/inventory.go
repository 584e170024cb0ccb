package xmlcodec

import (
	"github.com/s3fake/s3fake/inventory"
)

// DecodeInventoryConfiguration parses an InventoryConfiguration document
// strictly: unknown or duplicated elements, a foreign namespace, a missing
// required element or a non-boolean IsEnabled are a *MalformedError. Values
// are not checked against enums here: that is inventory.Validate's job.
//
// The tree is walked inside withTree (no tree is allocated), and what the
// configuration's pointers point to comes in one allocation.
func DecodeInventoryConfiguration(data []byte) (inventory.Configuration, error) {
	var cfg inventory.Configuration
	err := withTree(data, func(root *node) error { return decodeInventory(root, &cfg) })
	return cfg, err
}

// inventoryPointees holds the values a decoded configuration's pointers
// point to, allocated together.
type inventoryPointees struct {
	filter          inventory.Filter
	account, prefix string
	encryption      inventory.Encryption
	kms             inventory.SSEKMS
}

// pointees returns *b, allocating it on first use.
func pointees(b **inventoryPointees) *inventoryPointees {
	if *b == nil {
		*b = new(inventoryPointees)
	}
	return *b
}

// The decoder below checks each element's children the way childrenBy
// checks them against a schema (unknown, duplicated and missing elements
// are malformed), but with a switch per element instead of a schema
// search: this document is decoded on every PutBucketInventoryConfiguration.
// The schema, in childrenBy's terms (* required, + repeated):
//
//	InventoryConfiguration: Destination*, IsEnabled*, Filter, Id*,
//	    IncludedObjectVersions*, OptionalFields, Schedule*
//	Destination: S3BucketDestination*
//	S3BucketDestination: AccountId, Bucket*, Format*, Prefix, Encryption
//	Encryption: SSE-S3, SSE-KMS
//	SSE-KMS: KeyId*
//	Filter: Prefix*
//	OptionalFields: Field+
//	Schedule: Frequency*

// put records child c of parent in *slot, refusing a second one.
func put(slot **node, c, parent *node) error {
	if *slot != nil {
		return malformed("duplicate element %s in %s", c.name, parent.name)
	}
	*slot = c
	return nil
}

// required refuses a missing required child.
func required(c *node, name string, parent *node) error {
	if c == nil {
		return malformed("missing element %s in %s", name, parent.name)
	}
	return nil
}

// onlyChild returns the one child of n, which must be called name.
func onlyChild(n *node, name string) (*node, error) {
	var only *node
	for _, c := range n.children {
		if c.name != name {
			return nil, malformed("unknown element %s in %s", c.name, n.name)
		}
		if err := put(&only, c, n); err != nil {
			return nil, err
		}
	}
	return only, required(only, name, n)
}

// onlyLeaf returns the text of the one child of n, which must be a leaf
// called name.
func onlyLeaf(n *node, name string) (string, error) {
	c, err := onlyChild(n, name)
	if err != nil {
		return "", err
	}
	return c.leaf()
}

func decodeInventory(root *node, cfg *inventory.Configuration) error {
	if root.name != "InventoryConfiguration" {
		return malformed("root element %s", root.name)
	}
	var dest, enabled, filter, id, versions, fields, schedule *node
	for _, c := range root.children {
		var err error
		switch c.name {
		case "Destination":
			err = put(&dest, c, root)
		case "IsEnabled":
			err = put(&enabled, c, root)
		case "Filter":
			err = put(&filter, c, root)
		case "Id":
			err = put(&id, c, root)
		case "IncludedObjectVersions":
			err = put(&versions, c, root)
		case "OptionalFields":
			err = put(&fields, c, root)
		case "Schedule":
			err = put(&schedule, c, root)
		default:
			err = malformed("unknown element %s in %s", c.name, root.name)
		}
		if err != nil {
			return err
		}
	}
	for _, r := range [...]struct {
		n    *node
		name string
	}{{dest, "Destination"}, {enabled, "IsEnabled"}, {id, "Id"}, {versions, "IncludedObjectVersions"}, {schedule, "Schedule"}} {
		if err := required(r.n, r.name, root); err != nil {
			return err
		}
	}
	var err error
	if cfg.ID, err = id.leaf(); err != nil {
		return err
	}
	on, err := enabled.leaf()
	if err != nil {
		return err
	}
	switch on {
	case "true":
		cfg.IsEnabled = true
	case "false":
	default:
		return malformed("IsEnabled %q is not a boolean", on)
	}
	v, err := versions.leaf()
	if err != nil {
		return err
	}
	cfg.IncludedObjectVersions = inventory.IncludedVersions(v)
	frequency, err := onlyLeaf(schedule, "Frequency")
	if err != nil {
		return err
	}
	cfg.Frequency = inventory.Frequency(frequency)
	var block *inventoryPointees
	if err = decodeDestination(dest, &cfg.Destination, &block); err != nil {
		return err
	}
	if filter != nil {
		prefix, err := onlyLeaf(filter, "Prefix")
		if err != nil {
			return err
		}
		b := pointees(&block)
		b.filter.Prefix = prefix
		cfg.Filter = &b.filter
	}
	if fields != nil {
		for _, f := range fields.children {
			if f.name != "Field" {
				return malformed("unknown element %s in %s", f.name, fields.name)
			}
		}
		if len(fields.children) > 0 {
			cfg.OptionalFields = make([]inventory.Field, 0, len(fields.children))
		}
		for _, f := range fields.children {
			v, err := f.leaf()
			if err != nil {
				return err
			}
			cfg.OptionalFields = append(cfg.OptionalFields, inventory.Field(v))
		}
	}
	return nil
}

func decodeDestination(n *node, d *inventory.Destination, block **inventoryPointees) error {
	s3, err := onlyChild(n, "S3BucketDestination")
	if err != nil {
		return err
	}
	var account, bucket, format, prefix, enc *node
	for _, c := range s3.children {
		switch c.name {
		case "AccountId":
			err = put(&account, c, s3)
		case "Bucket":
			err = put(&bucket, c, s3)
		case "Format":
			err = put(&format, c, s3)
		case "Prefix":
			err = put(&prefix, c, s3)
		case "Encryption":
			err = put(&enc, c, s3)
		default:
			err = malformed("unknown element %s in %s", c.name, s3.name)
		}
		if err != nil {
			return err
		}
	}
	if err := required(bucket, "Bucket", s3); err != nil {
		return err
	}
	if err := required(format, "Format", s3); err != nil {
		return err
	}
	if d.BucketARN, err = bucket.leaf(); err != nil {
		return err
	}
	f, err := format.leaf()
	if err != nil {
		return err
	}
	d.Format = inventory.Format(f)
	if account != nil {
		v, err := account.leaf()
		if err != nil {
			return err
		}
		b := pointees(block)
		b.account = v
		d.AccountID = &b.account
	}
	if prefix != nil {
		v, err := prefix.leaf()
		if err != nil {
			return err
		}
		b := pointees(block)
		b.prefix = v
		d.Prefix = &b.prefix
	}
	if enc != nil {
		e, err := decodeEncryption(enc, block)
		if err != nil {
			return err
		}
		d.Encryption = e
	}
	return nil
}

func decodeEncryption(n *node, block **inventoryPointees) (*inventory.Encryption, error) {
	var sseS3, sseKMS *node
	for _, c := range n.children {
		var err error
		switch c.name {
		case "SSE-S3":
			err = put(&sseS3, c, n)
		case "SSE-KMS":
			err = put(&sseKMS, c, n)
		default:
			err = malformed("unknown element %s in %s", c.name, n.name)
		}
		if err != nil {
			return nil, err
		}
	}
	var e inventory.Encryption
	if sseS3 != nil {
		v, err := sseS3.leaf()
		if err != nil {
			return nil, err
		}
		if trimSpace(v) != "" {
			return nil, malformed("SSE-S3 must be empty")
		}
		e.SSES3 = true
	}
	b := pointees(block)
	if sseKMS != nil {
		key, err := onlyLeaf(sseKMS, "KeyId")
		if err != nil {
			return nil, err
		}
		b.kms.KeyID = key
		e.SSEKMS = &b.kms
	}
	b.encryption = e
	return &b.encryption, nil
}

// EncodeInventoryConfiguration returns the GetBucketInventoryConfiguration
// body for cfg: the prolog, the S3 namespace, elements in the model's order,
// only the optional elements that were stored.
func EncodeInventoryConfiguration(cfg inventory.Configuration) []byte {
	var w writer
	w.buf.Grow(2 << 10) // a configuration with every field is about 1.3 KB: one allocation
	w.raw(header)
	w.open("InventoryConfiguration", Namespace)
	writeConfiguration(&w, cfg)
	w.close("InventoryConfiguration")
	return w.bytes()
}

// EncodeInventoryList returns the ListBucketInventoryConfigurations body.
// requestToken is the continuation token the client sent ("" for none).
func EncodeInventoryList(p inventory.Page, requestToken string) []byte {
	var w writer
	w.raw(header)
	w.open("ListInventoryConfigurationsResult", Namespace)
	if requestToken != "" {
		w.leaf("ContinuationToken", requestToken)
	}
	for _, cfg := range p.Configurations {
		w.open("InventoryConfiguration", "")
		writeConfiguration(&w, cfg)
		w.close("InventoryConfiguration")
	}
	w.leaf("IsTruncated", boolText(p.IsTruncated))
	if p.IsTruncated {
		w.leaf("NextContinuationToken", p.NextToken)
	}
	w.close("ListInventoryConfigurationsResult")
	return w.bytes()
}

func writeConfiguration(w *writer, cfg inventory.Configuration) {
	d := cfg.Destination
	w.open("Destination", "")
	w.open("S3BucketDestination", "")
	if d.AccountID != nil {
		w.leaf("AccountId", *d.AccountID)
	}
	w.leaf("Bucket", d.BucketARN)
	w.leaf("Format", string(d.Format))
	if d.Prefix != nil {
		w.leaf("Prefix", *d.Prefix)
	}
	if e := d.Encryption; e != nil {
		w.open("Encryption", "")
		if e.SSES3 {
			w.empty("SSE-S3")
		}
		if e.SSEKMS != nil {
			w.open("SSE-KMS", "")
			w.leaf("KeyId", e.SSEKMS.KeyID)
			w.close("SSE-KMS")
		}
		w.close("Encryption")
	}
	w.close("S3BucketDestination")
	w.close("Destination")
	w.leaf("IsEnabled", boolText(cfg.IsEnabled))
	if cfg.Filter != nil {
		w.open("Filter", "")
		w.leaf("Prefix", cfg.Filter.Prefix)
		w.close("Filter")
	}
	w.leaf("Id", cfg.ID)
	w.leaf("IncludedObjectVersions", string(cfg.IncludedObjectVersions))
	if cfg.OptionalFields != nil {
		w.open("OptionalFields", "")
		for _, f := range cfg.OptionalFields {
			w.leaf("Field", string(f))
		}
		w.close("OptionalFields")
	}
	w.open("Schedule", "")
	w.leaf("Frequency", string(cfg.Frequency))
	w.close("Schedule")
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
