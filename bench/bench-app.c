/* bench-app.c
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

#include <glib/gi18n.h>
#include <locale.h>

#include "pkio-application.h"
#include "pkio-bench-typing.h"
#include "pkio-form.h"
#include "pkio-latency-probe.h"
#include "pkio-window.h"

/* The application as src/main.c starts it, watched from outside: when its
 * first frame is painted, on the clock bench/run-bench started it by, and
 * with PKIO_BENCH_PROBE=1, the main loop's gaps until a second after the
 * drafts, outbox and history are loaded. The app itself knows nothing of
 * benchmarks. */

static PkioLatencyProbe *probe;

static void
report_cb (gpointer user_data)
{
  g_autofree char *report = NULL;

  if (probe == NULL)
    return;

  pkio_latency_probe_stop (probe);
  report = pkio_latency_probe_format (probe);
  g_print ("pkio-bench latency %s\n", report);
  fflush (stdout);
}

static void
orders_loaded_cb (GtkWindow  *window,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  gboolean loaded = FALSE;

  g_object_get (window, "orders-loaded", &loaded, NULL);
  if (!loaded)
    return;

  g_print ("pkio-bench orders-loaded %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (window, orders_loaded_cb, user_data);

  /* Typing, as after start-up: every page built, drafts saved. */
  if (g_getenv ("PKIO_BENCH_TYPE") != NULL)
    {
      static const char *const ids[] = {
        "welcome", "applicant", "certificate", "shipping", "payment", "agreement", "review",
      };
      PkioPage *applicant;

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        pkio_window_get_page (PKIO_WINDOW (window), ids[i]);
      applicant = pkio_window_get_page (PKIO_WINDOW (window), "applicant");
      pkio_bench_type_into (GTK_EDITABLE (pkio_form_get_row (pkio_form_get_for_page (applicant),
                                                             "certificate.individual.email")),
                            "jan.devries@example.nl", 20);
    }
  g_timeout_add_once (1000, report_cb, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_print ("pkio-bench first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);

  if (g_getenv ("PKIO_BENCH_PROBE") != NULL && probe == NULL)
    probe = pkio_latency_probe_new ();
}

static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  static gboolean first = TRUE;

  if (!first)
    return;
  first = FALSE;
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
  g_signal_connect (window, "notify::orders-loaded", G_CALLBACK (orders_loaded_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PkioApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = pkio_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_clear_pointer (&probe, pkio_latency_probe_free);

  return status;
}
