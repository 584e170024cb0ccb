package xmlcodec

// The <AccessControlPolicy> document of GetBucketAcl, GetObjectAcl,
// PutBucketAcl and PutObjectAcl.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html

// xsiNamespace is the namespace of a Grantee's xsi:type.
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// AccessControlPolicy is an ACL on the wire: the resource owner and its
// grants.
type AccessControlPolicy struct {
	OwnerID, OwnerName string // OwnerName is DisplayName, omitted when ""
	Grants             []ACLGrant
}

// ACLGrant is one Grant. Type is the grantee's xsi:type: CanonicalUser
// (ID, and DisplayName when known), Group (URI) or AmazonCustomerByEmail
// (EmailAddress).
type ACLGrant struct {
	Type, ID, DisplayName, URI, Email string
	Permission                        string
}

var (
	aclSchema        = schema{{name: "Owner"}, {name: "AccessControlList", required: true}}
	aclOwnerSchema   = schema{{name: "ID", required: true}, {name: "DisplayName"}}
	aclListSchema    = schema{{name: "Grant", repeated: true}}
	aclGrantSchema   = schema{{name: "Grantee", required: true}, {name: "Permission", required: true}}
	aclGranteeSchema = schema{{name: "ID"}, {name: "DisplayName"}, {name: "URI"}, {name: "EmailAddress"}}
)

// aclMaxGrants is S3's limit on the grants of one ACL.
const aclMaxGrants = 100

// DecodeAccessControlPolicy reads a PutBucketAcl or PutObjectAcl body
// strictly. Each Grantee names exactly one of ID, URI and EmailAddress,
// which is its type (the scanner checks its xsi:type attribute is well
// formed; S3's grantee elements say the same thing). Anything else,
// including more than 100 grants, is a *MalformedError (S3 answers it with
// MalformedACLError).
func DecodeAccessControlPolicy(data []byte) (AccessControlPolicy, error) {
	var p AccessControlPolicy
	top, err := cfgRoot(data, "AccessControlPolicy", aclSchema)
	if err != nil {
		return p, err
	}
	if o := top.get("Owner"); len(o) == 1 {
		k, err := o[0].childrenBy(aclOwnerSchema)
		if err != nil {
			return p, err
		}
		if p.OwnerID, err = k.get("ID")[0].leaf(); err != nil {
			return p, err
		}
		if p.OwnerName, err = optionalText(k, "DisplayName"); err != nil {
			return p, err
		}
	}
	list, err := top.get("AccessControlList")[0].childrenBy(aclListSchema)
	if err != nil {
		return p, err
	}
	grants := list.get("Grant")
	if len(grants) > aclMaxGrants {
		return p, malformed("%d grants", len(grants))
	}
	for _, g := range grants {
		grant, err := decodeGrant(g)
		if err != nil {
			return p, err
		}
		p.Grants = append(p.Grants, grant)
	}
	return p, nil
}

func decodeGrant(g *node) (ACLGrant, error) {
	var out ACLGrant
	k, err := g.childrenBy(aclGrantSchema)
	if err != nil {
		return out, err
	}
	if out.Permission, err = k.get("Permission")[0].leaf(); err != nil {
		return out, err
	}
	gk, err := k.get("Grantee")[0].childrenBy(aclGranteeSchema)
	if err != nil {
		return out, err
	}
	named := 0
	for _, f := range []struct {
		name, typ string
		dst       *string
	}{{"ID", "CanonicalUser", &out.ID}, {"URI", "Group", &out.URI}, {"EmailAddress", "AmazonCustomerByEmail", &out.Email}} {
		if len(gk.get(f.name)) == 0 {
			continue
		}
		named++
		if *f.dst, err = gk.get(f.name)[0].leaf(); err != nil {
			return out, err
		}
		out.Type = f.typ
	}
	if named != 1 {
		return out, malformed("a Grantee names %d grantees", named)
	}
	out.DisplayName, err = optionalText(gk, "DisplayName")
	return out, err
}

// optionalText is the text of an optional leaf, "" when absent.
func optionalText(k kids, name string) (string, error) {
	n := k.get(name)
	if len(n) == 0 {
		return "", nil
	}
	return n[0].leaf()
}

// EncodeAccessControlPolicy returns GetBucketAcl's and GetObjectAcl's
// body, each Grantee with its xsi:type as S3 writes it.
func EncodeAccessControlPolicy(p AccessControlPolicy) []byte {
	var w writer
	cfgStart(&w, "AccessControlPolicy")
	w.open("Owner", "")
	w.leaf("ID", p.OwnerID)
	if p.OwnerName != "" {
		w.leaf("DisplayName", p.OwnerName)
	}
	w.close("Owner")
	w.open("AccessControlList", "")
	for _, g := range p.Grants {
		w.open("Grant", "")
		w.raw(`<Grantee xmlns:xsi="` + xsiNamespace + `" xsi:type="` + g.Type + `">`)
		switch g.Type {
		case "Group":
			w.leaf("URI", g.URI)
		case "AmazonCustomerByEmail":
			w.leaf("EmailAddress", g.Email)
		default:
			w.leaf("ID", g.ID)
			if g.DisplayName != "" {
				w.leaf("DisplayName", g.DisplayName)
			}
		}
		w.close("Grantee")
		w.leaf("Permission", g.Permission)
		w.close("Grant")
	}
	w.close("AccessControlList")
	w.close("AccessControlPolicy")
	return w.bytes()
}
