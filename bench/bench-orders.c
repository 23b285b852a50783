/* bench-orders.c
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

#include "pkio-draft-store.h"
#include "pkio-history.h"
#include "pkio-latency-probe.h"
#include "pkio-order-book.h"
#include "pkio-order-json.h"
#include "pkio-outbox.h"
#include "pkio-simulator.h"
#include "pkio-store.h"

/* The drafts, outbox and history scenarios of bench/run-bench, through the
 * app's own PkioStore, PkioDraftStore, PkioHistory, PkioOutbox and
 * PkioClient; the simulator stands in for CertCentral in a thread of its
 * own, as a remote server would be.
 *
 *   bench-orders seed EXAMPLE DRAFTS HISTORY
 *       writes DRAFTS drafts and HISTORY history entries into the app's
 *       store (the user data dir, the key from the keyring), encrypted as
 *       the app writes them
 *   bench-orders submit-slow EXAMPLE STOREDIR DELAY_MS
 *       the wizard's path for one order (into the outbox, then sent) to a
 *       simulator that answers after DELAY_MS, with the latency probe on
 *   bench-orders flush EXAMPLE STOREDIR N
 *       N queued balance orders sent by one outbox flush, with the probe
 *       on, against the simulator's documented rate limits
 *
 * Output is one line of "key=value" pairs. */

static GMainLoop *loop;
static guint      waiting;

static void
done_one (void)
{
  if (--waiting == 0)
    g_main_loop_quit (loop);
}

static void
wait_all (void)
{
  if (waiting > 0)
    g_main_loop_run (loop);
}

static PkioOrder *
load_example (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  PkioOrder *order;

  if (!g_file_get_contents (path, &text, NULL, &error) ||
      (order = pkio_order_new_from_json_data (text, -1, problems, &error)) == NULL)
    g_error ("%s: %s", path, error ? error->message : "not an order");

  return order;
}

/* Each order names another applicant, as a desk's would; names take no
 * digits, so the number is spelt in letters. */
static char *
applicant_name (guint i)
{
  GString *name = g_string_new ("Anna");

  do
    {
      g_string_append_c (name, 'a' + i % 26);
      i /= 26;
    }
  while (i > 0);

  return g_string_free (name, FALSE);
}

static void
set_applicant (PkioOrder *order,
               guint      i)
{
  g_autofree char *first = applicant_name (i);
  g_autofree char *email = g_strdup_printf ("applicant%u@example.com", i);

  pkio_order_set_text (order, PKIO_ORDER_TEXT_FIRST_NAME, first);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_EMAIL, email);
  /* Another applicant's order: the outbox holds one entry per identity. */
  pkio_order_set_identity (order, NULL);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pkio_store_open_finish (PKIO_STORE (object), result, &error))
    g_error ("The store did not open: %s", error->message);
  done_one ();
}

static PkioStore *
open_store (const char *directory)
{
  PkioStore *store = pkio_store_new (directory);

  waiting = 1;
  pkio_store_open_async (store, NULL, opened_cb, NULL);
  wait_all ();
  if (!pkio_store_get_persistent (store))
    g_error ("The store has no key: it would not write anything");

  return store;
}

static void
book_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pkio_order_book_open_finish (PKIO_ORDER_BOOK (object), result, &error))
    g_error ("The order book did not open: %s", error->message);
  done_one ();
}

/* As the app and the command line open it: store, history, outbox. */
static PkioOrderBook *
open_book (const char  *directory,
           PkioAccount *account)
{
  g_autoptr(PkioStore) store = pkio_store_new (directory);
  PkioOrderBook *book = pkio_order_book_new (store, account, NULL);

  waiting = 1;
  pkio_order_book_open_async (book, PKIO_ORDER_BOOK_OPEN_NONE, NULL, book_opened_cb, NULL);
  wait_all ();
  if (!pkio_store_get_persistent (store))
    g_error ("The store has no key: it would not write anything");

  return book;
}

/* Seeding */

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pkio_draft_store_put_finish (PKIO_DRAFT_STORE (object), result, &error))
    g_error ("A draft was not written: %s", error->message);
  done_one ();
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pkio_history_add_finish (PKIO_HISTORY (object), result, &error))
    g_error ("A history entry was not written: %s", error->message);
  done_one ();
}

static int
seed (const char *example,
      guint       n_drafts,
      guint       n_history)
{
  g_autoptr(PkioStore) store = open_store (NULL);
  g_autoptr(PkioDraftStore) drafts = pkio_draft_store_new (store, 1000);
  g_autoptr(PkioHistory) history = pkio_history_new (store);
  g_autoptr(PkioOrder) order = load_example (example);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 start = g_get_monotonic_time ();

  waiting = n_drafts + n_history;
  for (guint i = 0; i < n_drafts; i++)
    {
      g_autoptr(PkioDraft) draft = g_new0 (PkioDraft, 1);

      set_applicant (order, i);
      draft->id = pkio_store_new_id ();
      draft->applicant = g_strdup_printf ("%s Doe",
                                          pkio_order_get_text (order, PKIO_ORDER_TEXT_FIRST_NAME));
      draft->modified = g_date_time_add_seconds (now, -(double) i);
      draft->step = g_strdup ("shipping");
      draft->order = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
      pkio_draft_store_put_async (drafts, draft, NULL, put_cb, NULL);
    }

  /* Placed over the last week: inside the default 90-day retention, so
   * that starting the app does not also rewrite them all. */
  for (guint i = 0; i < n_history; i++)
    {
      g_autofree char *id = pkio_store_new_id ();
      g_autofree char *first = applicant_name (i);
      g_autofree char *applicant = g_strconcat (first, " Doe", NULL);
      g_autofree char *email = g_strdup_printf ("applicant%u@example.com", i);
      g_autoptr(GDateTime) date = g_date_time_add_minutes (now, -(int) i);
      PkioHistoryEntry entry = {
        .id = id,
        .order_id = 100001 + i,
        .certificate_id = 500001 + i,
        .applicant = applicant,
        .email = email,
        .date = date,
        .product = (char *) PKIO_PRODUCT_NAME_ID,
        .status = (char *) (i % 10 == 0 ? "pending" : "issued"),
      };

      pkio_history_add_async (history, &entry, NULL, added_cb, NULL);
    }

  wait_all ();
  printf ("drafts=%u history=%u seed_ms=%.0f\n", n_drafts, n_history,
          (g_get_monotonic_time () - start) / 1000.0);

  return 0;
}

/* The simulator, in a thread with its own main context */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         started;
  guint         answer_delay;
  char         *base_url;
  guint         n_requests;
  guint         n_rate_limited;
  guint         n_orders;
} Server;

static gpointer
server_main (gpointer data)
{
  Server *server = data;
  g_autoptr(PkioSimulator) simulator = pkio_simulator_new ();
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (server->context);
  pkio_simulator_set_answer_delay (simulator, server->answer_delay);
  if (!pkio_simulator_start (simulator, &error))
    g_error ("The simulator did not start: %s", error->message);

  g_mutex_lock (&server->lock);
  server->base_url = g_strdup (pkio_simulator_get_base_url (simulator));
  g_cond_signal (&server->started);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  server->n_requests = pkio_simulator_get_n_requests (simulator);
  server->n_rate_limited = pkio_simulator_get_n_rate_limited (simulator);
  server->n_orders = pkio_simulator_get_n_orders (simulator);
  g_clear_object (&simulator);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

static Server *
server_start (guint answer_delay)
{
  Server *server = g_new0 (Server, 1);

  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->answer_delay = answer_delay;
  g_mutex_init (&server->lock);
  g_cond_init (&server->started);

  g_mutex_lock (&server->lock);
  server->thread = g_thread_new ("simulator", server_main, server);
  while (server->base_url == NULL)
    g_cond_wait (&server->started, &server->lock);
  g_mutex_unlock (&server->lock);

  return server;
}

/* Stops the thread; its counters are final after this. */
static void
server_stop (Server *server)
{
  g_main_loop_quit (server->loop);
  g_thread_join (server->thread);
}

static void
server_free (Server *server)
{
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->started);
  g_free (server->base_url);
  g_free (server);
}

/* Outbox scenarios */

static void
enqueued_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  char **id_out = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = pkio_outbox_enqueue_finish (PKIO_OUTBOX (object), result, &error);

  if (id == NULL)
    g_error ("An order was not queued: %s", error->message);
  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);
  done_one ();
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) receipt = pkio_outbox_send_finish (PKIO_OUTBOX (object), result,
                                                                 &error);

  if (receipt == NULL)
    g_error ("The order was not sent: %s", error->message);
  done_one ();
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static int
submit_slow (const char *example,
             const char *directory,
             guint       delay_ms)
{
  g_autoptr(PkioOrderBook) book = NULL;
  g_autoptr(PkioOrder) order = load_example (example);
  g_autoptr(PkioAccount) account = NULL;
  g_autoptr(PkioLatencyProbe) probe = NULL;
  g_autofree char *report = NULL;
  g_autofree char *id = NULL;
  Server *server = server_start (delay_ms);
  PkioOutbox *outbox;
  gint64 start;
  double send_ms;

  account = pkio_account_new (server->base_url);
  pkio_account_set_api_key (account, PKIO_SIMULATOR_API_KEY);
  book = open_book (directory, account);
  outbox = pkio_order_book_get_outbox (book);

  /* As the Review page does: into the outbox, then sent from there. */
  probe = pkio_latency_probe_new ();
  start = g_get_monotonic_time ();
  waiting = 1;
  pkio_outbox_enqueue_async (outbox, order, NULL, enqueued_cb, &id);
  wait_all ();
  waiting = 1;
  pkio_outbox_send_async (outbox, id, NULL, PKIO_OUTBOX_SEND_NONE, NULL, sent_cb, NULL);
  wait_all ();
  send_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* And what follows the answer. */
  g_timeout_add (500, quit_cb, NULL);
  g_main_loop_run (loop);
  pkio_latency_probe_stop (probe);

  server_stop (server);
  report = pkio_latency_probe_format (probe);
  printf ("send_ms=%.0f orders=%u %s\n", send_ms, server->n_orders, report);
  server_free (server);

  return 0;
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PkioOutboxReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = pkio_outbox_flush_finish (PKIO_OUTBOX (object), result, &error);
  if (*report == NULL)
    g_error ("The flush failed: %s", error->message);
  done_one ();
}

static int
flush (const char *example,
       const char *directory,
       guint       n)
{
  g_autoptr(PkioOrderBook) book = open_book (directory, NULL);
  g_autoptr(PkioOrder) order = load_example (example);
  g_autoptr(PkioAccount) account = NULL;
  g_autoptr(PkioLatencyProbe) probe = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autofree char *latency = NULL;
  PkioOutbox *outbox = pkio_order_book_get_outbox (book);
  Server *server;
  gint64 start;
  double flush_ms;

  /* Queued while offline, earlier. */
  waiting = n;
  for (guint i = 0; i < n; i++)
    {
      set_applicant (order, i);
      pkio_outbox_enqueue_async (outbox, order, NULL, enqueued_cb, NULL);
    }
  wait_all ();

  /* A fresh simulator: nothing counts against its windows yet. */
  server = server_start (0);
  account = pkio_account_new (server->base_url);
  pkio_account_set_api_key (account, PKIO_SIMULATOR_API_KEY);
  pkio_outbox_set_account (outbox, account);

  probe = pkio_latency_probe_new ();
  start = g_get_monotonic_time ();
  waiting = 1;
  pkio_outbox_flush_async (outbox, NULL, flushed_cb, &report);
  wait_all ();
  flush_ms = (g_get_monotonic_time () - start) / 1000.0;
  pkio_latency_probe_stop (probe);

  server_stop (server);
  latency = pkio_latency_probe_format (probe);
  if (report->failed->len > 0)
    g_printerr ("failed: %s\n",
                ((PkioOutboxEntry *) g_ptr_array_index (report->failed, 0))->reason);
  printf ("orders=%u sent=%u failed=%u unknown=%u queued=%u flush_ms=%.0f requests=%u "
          "rate_limited=%u placed=%u %s\n",
          n, report->sent->len, report->failed->len, report->outcome_unknown->len,
          report->queued->len, flush_ms, server->n_requests, server->n_rate_limited,
          server->n_orders, latency);
  server_free (server);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int ret = 2;

  loop = g_main_loop_new (NULL, FALSE);

  if (argc == 5 && g_str_equal (argv[1], "seed"))
    ret = seed (argv[2], atoi (argv[3]), atoi (argv[4]));
  else if (argc == 5 && g_str_equal (argv[1], "submit-slow"))
    ret = submit_slow (argv[2], argv[3], atoi (argv[4]));
  else if (argc == 5 && g_str_equal (argv[1], "flush"))
    ret = flush (argv[2], argv[3], atoi (argv[4]));
  else
    g_printerr ("usage: see the comment at the top of bench-orders.c\n");

  g_main_loop_unref (loop);

  return ret;
}
