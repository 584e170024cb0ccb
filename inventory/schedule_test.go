package inventory_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/s3fake/s3fake/inventory"
)

func TestSchedule(t *testing.T) {
	put := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // a Thursday
	assert.Equal(t, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), inventory.NextRun(inventory.Daily, put))
	assert.Equal(t, time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC), inventory.NextRun(inventory.Weekly, put))
	sunday := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, time.Date(2026, 1, 11, 0, 0, 0, 0, time.UTC), inventory.NextRun(inventory.Weekly, sunday))
	assert.Len(t, inventory.DueRuns(inventory.Daily, put, put.Add(72*time.Hour)), 3)
	assert.Len(t, inventory.DueRuns(inventory.Weekly, put, put.Add(14*24*time.Hour)), 2)
}
