package decks

import "time"

// Settings are collection-wide preferences: when a study day starts and in
// which time zone. They live here, beside the deck options, so that code
// reading or merging a collection needs no storage package.
type Settings struct {
	// RolloverHour is when a new study day starts (local time, 0-23).
	RolloverHour int `json:"rollover_hour"`
	// TimeZone is an IANA zone name; empty means the machine's local zone.
	TimeZone string    `json:"time_zone,omitempty"`
	Created  time.Time `json:"created"`
}

// Location resolves TimeZone.
func (s Settings) Location() (*time.Location, error) {
	if s.TimeZone == "" {
		return time.Local, nil
	}
	return time.LoadLocation(s.TimeZone)
}
