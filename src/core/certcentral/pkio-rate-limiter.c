/* pkio-rate-limiter.c
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

#include <libsoup/soup.h>
#include <string.h>

#include "pkio-rate-limiter.h"

/* Keeps the client under both of CertCentral's rolling windows. Each
 * request reserves a start time; the reservations are kept (at most one
 * sustained window's worth) so that the earliest permitted start can be
 * computed exactly rather than by sleeping and retrying. Times are in
 * monotonic microseconds and passed in, so tests need no clock. */

struct _PkioRateLimiter
{
  GObject  parent_instance;

  guint    burst_count;
  gint64   burst_window;
  guint    sustained_count;
  gint64   sustained_window;

  /* Reserved start times, oldest first, never decreasing. */
  GArray  *starts;
};

G_DEFINE_FINAL_TYPE (PkioRateLimiter, pkio_rate_limiter, G_TYPE_OBJECT)

static void
pkio_rate_limiter_finalize (GObject *object)
{
  PkioRateLimiter *self = (PkioRateLimiter *)object;

  g_clear_pointer (&self->starts, g_array_unref);

  G_OBJECT_CLASS (pkio_rate_limiter_parent_class)->finalize (object);
}

static void
pkio_rate_limiter_class_init (PkioRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_rate_limiter_finalize;
}

static void
pkio_rate_limiter_init (PkioRateLimiter *self)
{
  self->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * pkio_rate_limiter_new:
 *
 * Returns: (transfer full): a limiter for CertCentral's documented limits,
 *   with each window lengthened by 2 % so that network jitter cannot make
 *   requests arrive closer together than we sent them
 */
PkioRateLimiter *
pkio_rate_limiter_new (void)
{
  return pkio_rate_limiter_new_full (PKIO_RATE_LIMIT_BURST_COUNT,
                                     PKIO_RATE_LIMIT_BURST_WINDOW / 50 * 51,
                                     PKIO_RATE_LIMIT_SUSTAINED_COUNT,
                                     PKIO_RATE_LIMIT_SUSTAINED_WINDOW / 50 * 51);
}

PkioRateLimiter *
pkio_rate_limiter_new_full (guint  burst_count,
                            gint64 burst_window,
                            guint  sustained_count,
                            gint64 sustained_window)
{
  PkioRateLimiter *self;

  g_return_val_if_fail (burst_count > 0 && sustained_count > 0, NULL);
  g_return_val_if_fail (burst_window > 0 && sustained_window > 0, NULL);

  self = g_object_new (PKIO_TYPE_RATE_LIMITER, NULL);
  self->burst_count = burst_count;
  self->burst_window = burst_window;
  self->sustained_count = sustained_count;
  self->sustained_window = sustained_window;

  return self;
}

/* The earliest time >= @t at which one more start keeps at most @count
 * starts inside any window of @window. */
static gint64
earliest_in_window (PkioRateLimiter *self,
                    gint64           t,
                    guint            count,
                    gint64           window)
{
  gint64 nth_latest;

  if (self->starts->len < count)
    return t;

  /* With the new start, the window ending at it may hold @count starts at
   * most; so it must be a full window after the count-th latest one. */
  nth_latest = g_array_index (self->starts, gint64, self->starts->len - count);
  return MAX (t, nth_latest + window);
}

/**
 * pkio_rate_limiter_reserve:
 * @now: the current monotonic time, in microseconds
 *
 * Reserves the next request slot.
 *
 * Returns: how long to wait from @now before sending, in microseconds
 */
gint64
pkio_rate_limiter_reserve (PkioRateLimiter *self,
                           gint64           now)
{
  gint64 t = now;
  guint keep;

  g_return_val_if_fail (PKIO_IS_RATE_LIMITER (self), 0);

  /* Reservations never go backwards, even if a caller's clock does. */
  if (self->starts->len > 0)
    t = MAX (t, g_array_index (self->starts, gint64, self->starts->len - 1));

  t = earliest_in_window (self, t, self->burst_count, self->burst_window);
  t = earliest_in_window (self, t, self->sustained_count, self->sustained_window);

  g_array_append_val (self->starts, t);

  /* Only the last max(count) starts can ever matter again. */
  keep = MAX (self->burst_count, self->sustained_count);
  if (self->starts->len > keep)
    g_array_remove_range (self->starts, 0, self->starts->len - keep);

  return t - now;
}

/**
 * pkio_retry_delay:
 * @attempt: how many 429 answers this request has had, from 1
 * @retry_after: (nullable): the Retry-After header, seconds or an HTTP date
 * @now: the current wall-clock time, for an HTTP date
 *
 * Returns: how long to wait before the next attempt, in microseconds, or
 *   -1 when the request has been refused too often to try again
 */
/* Retry-After beyond this is absurd, not a wait. */
#define RETRY_AFTER_MAX_SECONDS (24 * 60 * 60)

gint64
pkio_retry_delay (guint       attempt,
                  const char *retry_after,
                  GDateTime  *now)
{
  gint64 delay;

  g_return_val_if_fail (attempt >= 1, -1);

  if (attempt > PKIO_RETRY_MAX_ATTEMPTS)
    return -1;

  if (retry_after != NULL)
    {
      g_autofree char *value = g_strstrip (g_strdup (retry_after));
      g_autoptr(GDateTime) when = NULL;
      char *end = NULL;
      guint64 seconds;

      /* Only digits: strtoull would take "-5" as 2^64 - 5. A value past a
       * day is not a wait anyone means; both get the documented back-off. */
      if (g_ascii_isdigit (value[0]))
        {
          seconds = g_ascii_strtoull (value, &end, 10);
          if (*end == '\0' && seconds <= RETRY_AFTER_MAX_SECONDS)
            return MIN ((gint64) seconds * G_USEC_PER_SEC, PKIO_RETRY_MAX_DELAY);
        }
      else
        {
          when = soup_date_time_new_from_http_string (value);
        }

      if (when != NULL && now != NULL &&
          g_date_time_difference (when, now) <= (gint64) RETRY_AFTER_MAX_SECONDS * G_USEC_PER_SEC)
        return CLAMP (g_date_time_difference (when, now), 0, PKIO_RETRY_MAX_DELAY);
    }

  /* 5, 10, 20, 40, 80 s: the burst window first, then backing off. */
  delay = PKIO_RETRY_FIRST_DELAY << (attempt - 1);
  return MIN (delay, PKIO_RETRY_MAX_DELAY);
}

/* One limiter per API address and key, for the whole process: CertCentral
 * counts requests per key, so the window, each submission, the status
 * poller, the outbox and the preferences draw on one budget. Looked up by a
 * digest, so no copy of the key is kept here. */
G_LOCK_DEFINE_STATIC (shared);
static GHashTable *shared_limiters;    /* digest → GWeakRef * */

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/**
 * pkio_rate_limiter_get_shared:
 * @base_url: the API's address
 * @api_key: the key requests are made with
 *
 * Returns: (transfer full): the one limiter for @api_key at @base_url,
 *   made the first time and kept for as long as anyone uses it
 */
PkioRateLimiter *
pkio_rate_limiter_get_shared (const char *base_url,
                              const char *api_key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  PkioRateLimiter *limiter;
  GWeakRef *ref;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) base_url, strlen (base_url) + 1);
  g_checksum_update (checksum, (const guchar *) api_key, strlen (api_key));

  G_LOCK (shared);
  if (shared_limiters == NULL)
    shared_limiters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) weak_ref_free);
  ref = g_hash_table_lookup (shared_limiters, g_checksum_get_string (checksum));
  if (ref == NULL)
    {
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, NULL);
      g_hash_table_insert (shared_limiters, g_strdup (g_checksum_get_string (checksum)), ref);
    }
  limiter = g_weak_ref_get (ref);
  if (limiter == NULL)
    {
      limiter = pkio_rate_limiter_new ();
      g_weak_ref_set (ref, limiter);
    }
  G_UNLOCK (shared);

  return limiter;
}
