/* test-history.c
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

#include "pkio-test-utils.h"

#include <glib/gstdio.h>

#include "pkio-client.h"
#include "pkio-history-private.h"
#include "pkio-secret-store.h"
#include "pkio-simulator.h"
#include "pkio-store-private.h"

/* Pending orders are followed up on their own: soon after an order, less
 * and less often while nothing changes, and a decided order is told once
 * it is kept. Driven against the practice simulator through the real
 * client. */

typedef struct
{
  char          *dir;
  PkioStore     *store;
  PkioHistory   *history;
  PkioSimulator *simulator;
  PkioClient    *client;
  GPtrArray     *changes;   /* "id:old:new" */
} Fixture;

static void
status_changed_cb (PkioHistory *history,
                   const char  *id,
                   const char  *old_status,
                   const char  *new_status,
                   Fixture     *f)
{
  g_ptr_array_add (f->changes, g_strdup_printf ("%s:%s:%s", id, old_status, new_status));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pkio-history-XXXXXX", NULL);
  f->store = _pkio_store_new_with_key (f->dir, NULL);
  f->history = pkio_history_new (f->store);
  f->changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->history, "status-changed", G_CALLBACK (status_changed_cb), f);

  f->simulator = pkio_simulator_new ();
  g_assert_true (pkio_simulator_start (f->simulator, &error));
  g_assert_no_error (error);
  pkio_simulator_set_issue_delay (f->simulator, 3600);
  /* The simulator's client, as a practising account makes it. */
  f->client = pkio_client_new (pkio_simulator_get_base_url (f->simulator));
  pkio_client_set_api_key (f->client, PKIO_SIMULATOR_API_KEY);
  pkio_client_set_practice (f->client, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  pkio_history_watch_pending (f->history, NULL, 0, 0);
  g_clear_object (&f->history);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->simulator);
  g_clear_pointer (&f->changes, g_ptr_array_unref);

  /* The store's files, in the folders it made. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (f->dir, name, NULL);
      g_autoptr(GDir) inner = g_dir_open (sub, 0, NULL);
      const char *file;

      while (inner != NULL && (file = g_dir_read_name (inner)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, file, NULL);

          g_unlink (path);
        }
      g_rmdir (sub);
      g_unlink (sub);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* An order placed with the simulator, as the outbox records it. */
static void
place (Fixture    *f,
       const char *id,
       const char *applicant)
{
  g_autoptr(JsonNode) body = pkio_test_load_json ("example-1.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PkioHistoryEntry entry = { .id = (char *) id, .applicant = (char *) applicant,
                             .status = (char *) "pending", .date = now, .practice = TRUE };

  pkio_client_submit_order_async (f->client, body, NULL, pkio_test_result_cb, &result);
  receipt = pkio_client_submit_order_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  entry.order_id = receipt->id;
  entry.certificate_id = receipt->certificate_id;

  pkio_history_add_async (f->history, &entry, NULL, pkio_test_result_cb, &added);
  g_assert_true (pkio_history_add_finish (f->history, pkio_test_wait_result (&added), &error));
  g_assert_no_error (error);
}

static void
wait_for_requests (Fixture *f,
                   guint    n)
{
  while (pkio_simulator_get_n_requests (f->simulator) < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_interval (Fixture *f,
                   guint    seconds)
{
  while (_pkio_history_get_watch_interval (f->history) != seconds)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_watch_backs_off (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *expected = NULL;
  guint n;

  place (f, "first", "Jan de Vries");
  n = pkio_simulator_get_n_requests (f->simulator);

  /* Soon after the order, then twice as long each round nothing changes,
   * up to the longest wait. */
  pkio_history_watch_pending (f->history, f->client, 1, 4);
  g_assert_cmpuint (_pkio_history_get_watch_interval (f->history), ==, 1);
  wait_for_requests (f, n + 1);
  wait_for_interval (f, 2);
  wait_for_requests (f, n + 2);
  wait_for_interval (f, 4);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpstr (pkio_history_lookup (f->history, "first")->status, ==, "pending");

  /* A new order is followed closely again. */
  place (f, "second", "Piet de Vries");
  g_assert_cmpuint (_pkio_history_get_watch_interval (f->history), ==, 1);

  /* Issued: said once per order, with what it was, and kept. */
  pkio_simulator_set_issue_delay (f->simulator, 0);
  while (f->changes->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_ptr_array_sort (f->changes, compare_strings);
  g_assert_cmpstr (g_ptr_array_index (f->changes, 0), ==, "first:pending:issued");
  g_assert_cmpstr (g_ptr_array_index (f->changes, 1), ==, "second:pending:issued");
  g_assert_cmpstr (pkio_history_lookup (f->history, "first")->status, ==, "issued");
  g_assert_cmpint (pkio_history_lookup (f->history, "first")->certificate_id, >, 0);

  /* Nothing pending any more: the rounds ask nothing. */
  wait_for_interval (f, 1);
  n = pkio_simulator_get_n_requests (f->simulator);
  wait_for_interval (f, 2);
  g_assert_cmpuint (pkio_simulator_get_n_requests (f->simulator), ==, n);
  g_assert_cmpuint (f->changes->len, ==, 2);
}

/* Asked for now (the Refresh All button): a round at once, and the
 * shortest wait again; without a client nothing can be asked. */
static void
test_watch_now (Fixture       *f,
                gconstpointer  data)
{
  guint n;

  place (f, "first", "Jan de Vries");
  g_assert_false (pkio_history_watch_now (f->history));

  pkio_history_watch_pending (f->history, f->client, 600, 3600);
  n = pkio_simulator_get_n_requests (f->simulator);
  g_assert_true (pkio_history_watch_now (f->history));
  wait_for_requests (f, n + 1);
  wait_for_interval (f, 1200);
  g_assert_true (pkio_history_watch_now (f->history));
  g_assert_cmpuint (_pkio_history_get_watch_interval (f->history), ==, 600);
  wait_for_requests (f, n + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pkio/history/watch-backs-off", test_watch_backs_off);
  ADD ("/pkio/history/watch-now", test_watch_now);

  return g_test_run ();
}
