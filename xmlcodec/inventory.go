package xmlcodec

import (
	"github.com/s3fake/s3fake/inventory"
)

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

func decodeInventory(root *node, cfg *inventory.Configuration) error {
	if root.name != "InventoryConfiguration" {
		return malformed("root element %s", root.name)
	}
	top, err := root.childrenBy(configSchema)
	if err != nil {
		return err
	}
	if cfg.ID, err = top.get("Id")[0].leaf(); err != nil {
		return err
	}
	enabled, err := top.get("IsEnabled")[0].leaf()
	if err != nil {
		return err
	}
	switch enabled {
	case "true":
		cfg.IsEnabled = true
	case "false":
	default:
		return malformed("IsEnabled %q is not a boolean", enabled)
	}
	versions, err := top.get("IncludedObjectVersions")[0].leaf()
	if err != nil {
		return err
	}
	cfg.IncludedObjectVersions = inventory.IncludedVersions(versions)
	if cfg.Frequency, err = decodeSchedule(top.get("Schedule")[0]); err != nil {
		return err
	}
	var block *inventoryPointees
	if err = decodeDestination(top.get("Destination")[0], &cfg.Destination, &block); err != nil {
		return err
	}
	if f := top.get("Filter"); len(f) == 1 {
		kids, err := f[0].childrenBy(filterSchema)
		if err != nil {
			return err
		}
		prefix, err := kids.get("Prefix")[0].leaf()
		if err != nil {
			return err
		}
		b := pointees(&block)
		b.filter.Prefix = prefix
		cfg.Filter = &b.filter
	}
	if of := top.get("OptionalFields"); len(of) == 1 {
		kids, err := of[0].childrenBy(optionalFieldsSchema)
		if err != nil {
			return err
		}
		fields := kids.get("Field")
		if len(fields) > 0 {
			cfg.OptionalFields = make([]inventory.Field, 0, len(fields))
		}
		for _, f := range fields {
			v, err := f.leaf()
			if err != nil {
				return err
			}
			cfg.OptionalFields = append(cfg.OptionalFields, inventory.Field(v))
		}
	}
	return nil
}

func decodeSchedule(n *node) (inventory.Frequency, error) {
	kids, err := n.childrenBy(scheduleSchema)
	if err != nil {
		return "", err
	}
	v, err := kids.get("Frequency")[0].leaf()
	return inventory.Frequency(v), err
}

func decodeDestination(n *node, d *inventory.Destination, block **inventoryPointees) error {
	outer, err := n.childrenBy(destinationSchema)
	if err != nil {
		return err
	}
	kids, err := outer.get("S3BucketDestination")[0].childrenBy(s3DestinationSchema)
	if err != nil {
		return err
	}
	if d.BucketARN, err = kids.get("Bucket")[0].leaf(); err != nil {
		return err
	}
	format, err := kids.get("Format")[0].leaf()
	if err != nil {
		return err
	}
	d.Format = inventory.Format(format)
	if a := kids.get("AccountId"); len(a) == 1 {
		v, err := a[0].leaf()
		if err != nil {
			return err
		}
		b := pointees(block)
		b.account = v
		d.AccountID = &b.account
	}
	if p := kids.get("Prefix"); len(p) == 1 {
		v, err := p[0].leaf()
		if err != nil {
			return err
		}
		b := pointees(block)
		b.prefix = v
		d.Prefix = &b.prefix
	}
	if enc := kids.get("Encryption"); len(enc) == 1 {
		e, err := decodeEncryption(enc[0], block)
		if err != nil {
			return err
		}
		d.Encryption = e
	}
	return nil
}

func decodeEncryption(n *node, block **inventoryPointees) (*inventory.Encryption, error) {
	kids, err := n.childrenBy(encryptionSchema)
	if err != nil {
		return nil, err
	}
	var e inventory.Encryption
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
	b := pointees(block)
	if kms := kids.get("SSE-KMS"); len(kms) == 1 {
		kk, err := kms[0].childrenBy(sseKMSSchema)
		if err != nil {
			return nil, err
		}
		key, err := kk.get("KeyId")[0].leaf()
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
