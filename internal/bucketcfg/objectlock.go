package bucketcfg

// Object Lock configuration: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLockConfiguration.html
// Enabling Object Lock on an existing bucket needs versioning Enabled
// (since November 2023); that check is the store's.

// The Object Lock retention modes.
const (
	ModeGovernance = "GOVERNANCE"
	ModeCompliance = "COMPLIANCE"
)

// Limits of a default retention period and an event hold duration.
const (
	MaxRetentionDays  = 36500
	MaxRetentionYears = 100
)

// ObjectLock is a bucket's Object Lock configuration. ObjectLockEnabled is
// always Enabled (the only value S3 has).
type ObjectLock struct {
	// Rule is the default retention; nil when there is none.
	Rule *ObjectLockRule
}

// ObjectLockRule is DefaultRetention: a mode and a period of Days or
// Years, and optionally a default event hold.
type ObjectLockRule struct {
	Mode  string // ModeGovernance or ModeCompliance
	Days  *int32
	Years *int32
	// EventHold is DefaultEventHold; nil when there is none.
	EventHold *EventHoldDuration
}

// EventHoldDuration is a period of Days or Years.
type EventHoldDuration struct {
	Days  *int32
	Years *int32
}

// Clone returns a copy that shares nothing with o.
func (o ObjectLock) Clone() ObjectLock {
	if o.Rule == nil {
		return o
	}
	r := *o.Rule
	r.Days, r.Years = clonePtr(r.Days), clonePtr(r.Years)
	if h := r.EventHold; h != nil {
		r.EventHold = &EventHoldDuration{Days: clonePtr(h.Days), Years: clonePtr(h.Years)}
	}
	return ObjectLock{Rule: &r}
}

// Validate applies S3's checks of a default retention: a mode and exactly
// one of Days and Years (MalformedXML), a period of at least one and at
// most MaxRetentionDays days or MaxRetentionYears years (InvalidArgument).
func (o ObjectLock) Validate() error {
	r := o.Rule
	if r == nil {
		return nil
	}
	if r.Mode == "" || (r.Days == nil) == (r.Years == nil) {
		return malformed()
	}
	if err := validPeriod(r.Days, r.Years, "Default retention period"); err != nil {
		return err
	}
	if h := r.EventHold; h != nil {
		if (h.Days == nil) == (h.Years == nil) {
			return malformed()
		}
		return validPeriod(h.Days, h.Years, "Default event hold duration")
	}
	return nil
}

func validPeriod(days, years *int32, what string) error {
	switch {
	case days != nil && *days <= 0, years != nil && *years <= 0:
		return invalidArgument(what+" must be a positive integer value", "", "")
	case days != nil && *days > MaxRetentionDays, years != nil && *years > MaxRetentionYears:
		// S3's documented maximum; its message for a longer period is not
		// public.
		return invalidArgument(what+" is too large", "", "")
	}
	return nil
}
