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

#include "pkio-latency-probe.h"
#include "pkio-token-monitor.h"

/* Main-loop latency while the token monitor works, and how long it takes
 * to list the tokens.
 *
 *   bench-token-latency idle SECONDS
 *   bench-token-latency scan SECONDS MODULE...
 *   bench-token-latency enumerate MODULE...
 *   bench-token-latency enumerate-registered
 *
 * The latency probe's high-priority 1 ms timeout records the gap between
 * its ticks: anything blocking the main loop shows as a long gap. Output is
 * one line of "key=value" pairs for bench/run-bench. */

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(PkioTokenMonitor) monitor = NULL;
  g_autoptr(PkioLatencyProbe) probe = NULL;
  g_autofree char *report = NULL;
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

  probe = pkio_latency_probe_new ();
  g_timeout_add_seconds (atoi (argv[2]), quit_cb, loop);
  if (g_str_equal (mode, "scan"))
    monitor = pkio_token_monitor_new_for_modules ((const char * const *) argv + 3, 2000, 5000);

  g_main_loop_run (loop);

  pkio_latency_probe_stop (probe);
  report = pkio_latency_probe_format (probe);
  printf ("%s\n", report);

  g_clear_object (&monitor);
  pkio_token_monitor_wait_for_threads (2000);

  return 0;
}
