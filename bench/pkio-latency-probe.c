/* pkio-latency-probe.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "pkio-latency-probe.h"

struct _PkioLatencyProbe
{
  GSource *source;
  gint64   last;
  gint64   last_cpu;
  GArray  *gaps;       /* gint64 µs, in order of arrival */
  GArray  *sorted;     /* a sorted copy, made when first asked */
  gint64   max_busy;   /* the most CPU time the thread used within one gap, µs */
};

/* A gap is the thread either working or waiting: for a CPU on a shared
 * machine, or for a lock or the disk. Its own CPU time within the gap tells
 * work from waiting; which waiting it was, it cannot tell. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  PkioLatencyProbe *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (self->last != 0)
    {
      g_array_append_val (self->gaps, (gint64) { now - self->last });
      self->max_busy = MAX (self->max_busy, cpu - self->last_cpu);
    }
  self->last = now;
  self->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * pkio_latency_probe_new:
 *
 * Starts ticking on the thread-default main context, above every other
 * source's priority so that only work that holds the loop delays it.
 */
PkioLatencyProbe *
pkio_latency_probe_new (void)
{
  PkioLatencyProbe *self = g_new0 (PkioLatencyProbe, 1);

  self->gaps = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 4096);
  self->source = g_timeout_source_new (1);
  g_source_set_priority (self->source, G_PRIORITY_HIGH);
  g_source_set_callback (self->source, tick_cb, self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());

  return self;
}

/**
 * pkio_latency_probe_stop:
 *
 * Stops ticking; the gaps so far stay for the percentiles.
 */
void
pkio_latency_probe_stop (PkioLatencyProbe *self)
{
  g_return_if_fail (self != NULL);

  if (self->source != NULL)
    g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

guint
pkio_latency_probe_get_n_ticks (PkioLatencyProbe *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->gaps->len;
}

/**
 * pkio_latency_probe_get_percentile:
 * @p: from 0 to 1; 1 is the longest gap
 *
 * Returns: the gap at @p, in milliseconds; 0 before two ticks
 */
double
pkio_latency_probe_get_percentile (PkioLatencyProbe *self,
                                   double            p)
{
  guint i;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (p >= 0 && p <= 1, 0);

  if (self->sorted == NULL || self->sorted->len != self->gaps->len)
    {
      g_clear_pointer (&self->sorted, g_array_unref);
      self->sorted = g_array_copy (self->gaps);
      g_array_sort (self->sorted, compare_gaps);
    }
  if (self->sorted->len == 0)
    return 0;

  i = MIN (self->sorted->len - 1, (guint) (p * self->sorted->len));
  return g_array_index (self->sorted, gint64, i) / 1000.0;
}

/**
 * pkio_latency_probe_get_max_busy:
 *
 * Returns: the most CPU time the thread spent within a single gap, in
 *   milliseconds: a long gap with little of it was spent waiting, for a
 *   CPU, a lock or the disk, not working
 */
double
pkio_latency_probe_get_max_busy (PkioLatencyProbe *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_busy / 1000.0;
}

/**
 * pkio_latency_probe_format:
 *
 * Returns: (transfer full): "ticks=N p50_ms=X p99_ms=X max_ms=X
 *   busy_max_ms=X", as bench/run-bench reads it
 */
char *
pkio_latency_probe_format (PkioLatencyProbe *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup_printf ("ticks=%u p50_ms=%.2f p99_ms=%.2f max_ms=%.2f busy_max_ms=%.2f",
                          self->gaps->len,
                          pkio_latency_probe_get_percentile (self, 0.50),
                          pkio_latency_probe_get_percentile (self, 0.99),
                          pkio_latency_probe_get_percentile (self, 1.0),
                          pkio_latency_probe_get_max_busy (self));
}

void
pkio_latency_probe_free (PkioLatencyProbe *self)
{
  if (self == NULL)
    return;

  pkio_latency_probe_stop (self);
  g_clear_pointer (&self->gaps, g_array_unref);
  g_clear_pointer (&self->sorted, g_array_unref);
  g_free (self);
}
