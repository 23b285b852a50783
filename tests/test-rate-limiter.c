/* test-rate-limiter.c
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

#include "pkio-client.h"
#include "pkio-rate-limiter.h"

#define SEC G_USEC_PER_SEC

/* At most @count starts in any half-open window of @window. */
static void
assert_windows_respected (const gint64 *starts,
                          guint         n,
                          guint         count,
                          gint64        window)
{
  for (guint i = count; i < n; i++)
    g_assert_cmpint (starts[i] - starts[i - count], >=, window);
}

static void
test_burst (void)
{
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new_full (100, 5 * SEC, 1000, 180 * SEC);
  gint64 now = 1000 * SEC;

  /* The first hundred go at once... */
  for (guint i = 0; i < 100; i++)
    g_assert_cmpint (pkio_rate_limiter_reserve (limiter, now), ==, 0);

  /* ...the 101st waits until the first has left the 5 s window. */
  g_assert_cmpint (pkio_rate_limiter_reserve (limiter, now), ==, 5 * SEC);
  g_assert_cmpint (pkio_rate_limiter_reserve (limiter, now + 1 * SEC), ==, 4 * SEC);
}

static void
test_sustained (void)
{
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new_full (100, 5 * SEC, 1000, 180 * SEC);
  g_autofree gint64 *starts = g_new (gint64, 2500);
  gint64 now = 0;

  /* A queue of 2500 requests asked for as fast as possible. */
  for (guint i = 0; i < 2500; i++)
    starts[i] = now + pkio_rate_limiter_reserve (limiter, now);

  assert_windows_respected (starts, 2500, 100, 5 * SEC);
  assert_windows_respected (starts, 2500, 1000, 180 * SEC);

  /* And not slower than the limits force: ten bursts fill the first
   * thousand in 45 s, the next thousand start one window later. */
  g_assert_cmpint (starts[999], ==, 45 * SEC);
  g_assert_cmpint (starts[1000], ==, 180 * SEC);
  g_assert_cmpint (starts[1999], ==, 180 * SEC + 45 * SEC);
}

static void
test_idle_resets (void)
{
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new_full (2, 5 * SEC, 1000, 180 * SEC);

  g_assert_cmpint (pkio_rate_limiter_reserve (limiter, 0), ==, 0);
  g_assert_cmpint (pkio_rate_limiter_reserve (limiter, 0), ==, 0);
  g_assert_cmpint (pkio_rate_limiter_reserve (limiter, 0), ==, 5 * SEC);

  /* Long after, nothing is waiting. */
  g_assert_cmpint (pkio_rate_limiter_reserve (limiter, 60 * SEC), ==, 0);

  /* A clock that steps back does not let requests overtake reserved ones. */
  g_assert_cmpint (pkio_rate_limiter_reserve (limiter, 59 * SEC), ==, 1 * SEC);
}

static void
test_default_margin (void)
{
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new ();
  gint64 wait = 0;

  for (guint i = 0; i <= PKIO_RATE_LIMIT_BURST_COUNT; i++)
    wait = pkio_rate_limiter_reserve (limiter, 0);

  /* The documented window, lengthened a little against jitter, not more. */
  g_assert_cmpint (wait, >, PKIO_RATE_LIMIT_BURST_WINDOW);
  g_assert_cmpint (wait, <=, PKIO_RATE_LIMIT_BURST_WINDOW * 103 / 100);
}

typedef struct
{
  guint       attempt;
  const char *retry_after;
  gint64      expected;
} RetryCase;

static const RetryCase retry_cases[] = {
  { 1, NULL, 5 * SEC },
  { 2, NULL, 10 * SEC },
  { 3, NULL, 20 * SEC },
  { 5, NULL, 80 * SEC },
  { 6, NULL, -1 },
  { 1, "7", 7 * SEC },
  { 1, " 12 ", 12 * SEC },
  { 1, "0", 0 },
  { 1, "86400", 120 * SEC },
  { 6, "3", -1 },
  /* An HTTP date 30 s after "now" below. */
  { 1, "Tue, 24 Nov 2026 10:00:30 GMT", 30 * SEC },
  /* A date in the past means "now". */
  { 1, "Tue, 24 Nov 2026 09:00:00 GMT", 0 },
  /* Garbage falls back to the growing delay. */
  { 2, "soon", 10 * SEC },
  /* Negative and absurd values are not waits: the documented back-off. */
  { 1, "-5", 5 * SEC },
  { 2, "-5", 10 * SEC },
  { 1, "+5", 5 * SEC },
  { 1, "86401", 5 * SEC },
  { 1, "99999999999999999999999", 5 * SEC },
  { 1, "5s", 5 * SEC },
  { 3, "Tue, 01 Dec 2026 10:00:00 GMT", 20 * SEC },
};

static void
test_retry_delay (gconstpointer data)
{
  const RetryCase *c = data;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 10, 0, 0);

  g_assert_cmpint (pkio_retry_delay (c->attempt, c->retry_after, now), ==, c->expected);
}

/* Two submissions and the status poller, each with a client of its own,
 * draw on one budget for their key; another key or address has its own. */
static void
test_shared_per_key (void)
{
  const char *url = "https://api.example.invalid/services/v2";
  g_autoptr(PkioClient) first = pkio_client_new (url);
  g_autoptr(PkioClient) second = pkio_client_new (url);
  g_autoptr(PkioClient) poller = pkio_client_new (url);
  g_autoptr(PkioClient) other_key = pkio_client_new (url);
  g_autoptr(PkioClient) other_url = pkio_client_new ("https://sim.example.invalid/services/v2");
  PkioRateLimiter *shared;
  gpointer weak;
  gint64 now = 1000 * G_USEC_PER_SEC;

  pkio_client_set_api_key (first, "KEYONE");
  pkio_client_set_api_key (second, "KEYONE");
  pkio_client_set_api_key (poller, "KEYONE");
  pkio_client_set_api_key (other_key, "KEYTWO");
  pkio_client_set_api_key (other_url, "KEYONE");

  shared = pkio_client_get_rate_limiter (first);
  g_assert_true (pkio_client_get_rate_limiter (second) == shared);
  g_assert_true (pkio_client_get_rate_limiter (poller) == shared);
  g_assert_true (pkio_client_get_rate_limiter (other_key) != shared);
  g_assert_true (pkio_client_get_rate_limiter (other_url) != shared);

  /* The first submission spends the burst; the poller waits for it. */
  for (guint i = 0; i < PKIO_RATE_LIMIT_BURST_COUNT; i++)
    g_assert_cmpint (pkio_rate_limiter_reserve (pkio_client_get_rate_limiter (first), now), ==, 0);
  g_assert_cmpint (pkio_rate_limiter_reserve (pkio_client_get_rate_limiter (poller), now), >, 0);
  g_assert_cmpint (pkio_rate_limiter_reserve (pkio_client_get_rate_limiter (other_key), now), ==, 0);

  /* Kept only while a client uses it. */
  weak = shared;
  g_object_add_weak_pointer (G_OBJECT (shared), &weak);
  g_clear_object (&first);
  g_clear_object (&second);
  g_assert_nonnull (weak);
  g_clear_object (&poller);
  g_assert_null (weak);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/rate-limiter/burst", test_burst);
  g_test_add_func ("/pkio/rate-limiter/sustained", test_sustained);
  g_test_add_func ("/pkio/rate-limiter/idle-resets", test_idle_resets);
  g_test_add_func ("/pkio/rate-limiter/default-margin", test_default_margin);
  g_test_add_func ("/pkio/rate-limiter/shared-per-key", test_shared_per_key);

  for (guint i = 0; i < G_N_ELEMENTS (retry_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pkio/rate-limiter/retry-delay/%u", i);

      g_test_add_data_func (path, &retry_cases[i], test_retry_delay);
    }

  return g_test_run ();
}
