/* bench-baseline.c
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

#include <adwaita.h>
#include <stdio.h>

#include "pkio-bench-typing.h"
#include "pkio-latency-probe.h"

/* The smallest libadwaita window worth comparing with: a header bar and one
 * entry row. The benchmark starts it and PKIo Order the same way and reads
 * the same "first frame" line from both. With PKIO_BENCH_PROBE=1, the
 * latency probe then watches its idle main loop for as long as the app's
 * start-up scenario lasts, for the gaps an idle window has anyway. */

#define PROBE_MS 1500

static void
report_cb (gpointer user_data)
{
  PkioLatencyProbe *probe = user_data;
  g_autofree char *report = NULL;

  pkio_latency_probe_stop (probe);
  report = pkio_latency_probe_format (probe);
  g_print ("pkio-bench latency %s\n", report);
  fflush (stdout);
  pkio_latency_probe_free (probe);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_print ("pkio-bench first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);

  if (g_getenv ("PKIO_BENCH_PROBE") != NULL)
    g_timeout_add_once (PROBE_MS, report_cb, pkio_latency_probe_new ());
  if (g_getenv ("PKIO_BENCH_TYPE") != NULL)
    pkio_bench_type_into (user_data, "jan.devries@example.nl", 20);
}

static void
mapped_cb (GtkWidget *window,
           GtkWidget *row)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), row);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Name");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 24);
  gtk_widget_set_margin_start (list, 24);
  gtk_widget_set_margin_end (list, 24);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), list);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 700);

  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), row);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.pkioorder.Baseline",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
