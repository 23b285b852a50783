/* bench-token-latency.c
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

#include <stdio.h>
#include <stdlib.h>

#include "pkio-token-monitor.h"

/* Main-loop latency while the token monitor works, and how long it takes
 * to list the tokens.
 *
 *   bench-token-latency idle SECONDS
 *   bench-token-latency scan SECONDS MODULE...
 *   bench-token-latency enumerate MODULE...
 *   bench-token-latency enumerate-registered
 *
 * A high-priority 1 ms timeout records the gap between its ticks: anything
 * blocking the main loop shows as a long gap. Output is one line of
 * "key=value" pairs for bench/run-bench. */

typedef struct
{
  gint64  last;
  GArray *gaps;   /* gint64 µs */
} Probe;

static gboolean
tick_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0)
    g_array_append_val (probe->gaps, (gint64) { now - probe->last });
  probe->last = now;

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

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
ready_cb (PkioTokenMonitor *monitor,
          GParamSpec       *pspec,
          GMainLoop        *loop)
{
  if (pkio_token_monitor_get_ready (monitor))
    g_main_loop_quit (loop);
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;

  i = MIN (sorted->len - 1, (guint) (p * sorted->len));
  return g_array_index (sorted, gint64, i) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(PkioTokenMonitor) monitor = NULL;
  Probe probe = { 0, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  const char *mode;

  if (argc < 2)
    return 2;
  mode = argv[1];

  if (g_str_equal (mode, "enumerate") || g_str_equal (mode, "enumerate-registered"))
    {
      gint64 start = g_get_monotonic_time ();

      /* As the app does: the modules registered with p11-kit, trust-policy
       * modules skipped; or just the ones named. */
      if (g_str_equal (mode, "enumerate-registered"))
        monitor = pkio_token_monitor_new (NULL);
      else
        monitor = pkio_token_monitor_new_for_modules ((const char * const *) argv + 2, 2000, 5000);
      g_signal_connect (monitor, "notify::ready", G_CALLBACK (ready_cb), loop);
      g_main_loop_run (loop);
      printf ("enumerate_ms=%.1f tokens=%u\n", (g_get_monotonic_time () - start) / 1000.0,
              g_list_model_get_n_items (pkio_token_monitor_get_tokens (monitor)));
      g_clear_object (&monitor);
      pkio_token_monitor_wait_for_threads (2000);
      return 0;
    }

  if (argc < 3)
    return 2;

  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &probe, NULL);
  g_timeout_add_seconds (atoi (argv[2]), quit_cb, loop);
  if (g_str_equal (mode, "scan"))
    monitor = pkio_token_monitor_new_for_modules ((const char * const *) argv + 3, 2000, 5000);

  g_main_loop_run (loop);

  g_array_sort (probe.gaps, compare_gaps);
  printf ("ticks=%u p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", probe.gaps->len,
          percentile (probe.gaps, 0.50), percentile (probe.gaps, 0.99),
          percentile (probe.gaps, 1.0));

  g_clear_object (&monitor);
  pkio_token_monitor_wait_for_threads (2000);
  g_array_unref (probe.gaps);

  return 0;
}
