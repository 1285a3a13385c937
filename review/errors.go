package review

import (
	"context"
	"errors"
)

// ErrFatal marks a Session error after which the session cannot go on (the
// collection was closed, the disk is full, the database is corrupt). A
// Session wraps it, e.g. fmt.Errorf("%w: %w", review.ErrFatal, err);
// RunTUI and RunPlain then stop and return the error. Any other Session
// error is shown to the person, the card stays on screen, and they may try
// again, go on with other cards or quit.
var ErrFatal = errors.New("the review session cannot continue")

// fatal reports whether err must end the session: ErrFatal, or the
// caller's context ending.
func fatal(err error) bool {
	return errors.Is(err, ErrFatal) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
