/* pkio-bench-typing.c
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
#include <string.h>
#include <time.h>

#include "pkio-bench-typing.h"

/* What one keystroke costs the main thread: the CPU time of inserting one
 * character into a field, which runs every handler the change reaches
 * (the field's own, the model's, validation, autosave). Thread CPU time,
 * so that a busy machine taking the CPU away mid-keystroke does not count;
 * drawing, which follows on the next frame, is not part of it. */

static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * pkio_bench_type_into:
 * @text: typed a character at a time, into an emptied field
 * @rounds: how many times
 *
 * Prints "pkio-bench typing keys=N median_us=… p99_us=…".
 */
void
pkio_bench_type_into (GtkEditable *editable,
                      const char  *text,
                      guint        rounds)
{
  guint length = strlen (text);
  guint n = 0;
  g_autofree gint64 *costs = g_new (gint64, (gsize) length * rounds);

  for (guint round = 0; round < rounds; round++)
    {
      gtk_editable_set_text (editable, "");
      for (guint i = 0; i < length; i++)
        {
          int position = i;
          gint64 start = thread_cpu_ns ();

          gtk_editable_insert_text (editable, text + i, 1, &position);
          costs[n++] = thread_cpu_ns () - start;
        }
      /* What follows a keystroke between two (a redraw, a timeout) runs,
       * as it would between a person's keys. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  qsort (costs, n, sizeof *costs, compare_gint64);
  g_print ("pkio-bench typing keys=%u median_us=%.1f p99_us=%.1f\n", n,
           costs[n / 2] / 1000.0, costs[MIN (n - 1, n * 99 / 100)] / 1000.0);
  fflush (stdout);
}
