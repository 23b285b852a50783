/* test-outbox.c
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

#include <errno.h>

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-order-book.h"
#include "pkio-outbox.h"
#include "pkio-outbox-private.h"
#include "pkio-secret-store.h"
#include "pkio-simulator.h"
#include "pkio-store-private.h"
#include "pkio-test-utils.h"

/* The outbox against an in-process CertCentral stand-in that counts POSTs:
 * every order is sent once, card orders and unknown outcomes never on
 * their own, a crash while sending cannot resend, and reconciliation
 * finds (or does not find) the order. */

/* A network monitor the test switches on and off. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
}

static void
test_monitor_set (TestMonitor *self,
                  gboolean     available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

#define LIST_PATH  "/services/v2/order/certificate"
#define CARD_DIGITS "4111111111111111"

typedef struct
{
  char        *dir;
  GBytes      *key;
  PkioStore   *store;
  PkioOrderBook *book;          /* opens the store, history and outbox as the app does */
  PkioHistory *history;
  PkioOutbox  *outbox;
  PkioClient  *client;
  PkioAccount *account;         /* (nullable) practice tests: f->client's account */
  PkioRateLimiter *limiter;

  SoupServer  *server;
  char        *base_url;
  PkioTestOrderMode mode;
  guint        posts;
  GPtrArray   *bodies;
  GArray      *post_times;
  gboolean     list_finds;      /* the list of orders holds the dropped one */
  guint        lists;
  guint        order_gets;      /* order info and status changes */
  guint64      next_order_id;
  SoupServerMessage *held;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *answer = NULL;
  SoupMessageBody *body;
  gint64 now = g_get_monotonic_time ();

  if (g_str_equal (method, "GET") && g_str_equal (path, LIST_PATH))
    {
      g_autoptr(GDateTime) created = g_date_time_new_now_utc ();
      g_autofree char *date = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S+00:00");

      f->lists++;
      g_assert_cmpstr (g_hash_table_lookup (query, "filters[email]"), ==, "jan.devries@example.nl");
      answer = f->list_finds
               ? g_strdup_printf ("{\"orders\":[{\"id\":5550001,\"status\":\"pending\","
                                  "\"date_created\":\"%s\"}]}", date)
               : g_strdup ("{\"orders\":[]}");
      pkio_test_server_respond (msg, 200, answer);
      return;
    }
  if (g_str_equal (method, "GET") && g_str_has_prefix (path, LIST_PATH "/"))
    {
      f->order_gets++;
      answer = g_strdup_printf ("{\"id\":%s,\"status\":\"issued\",\"certificate\":{\"id\":77}}",
                                path + strlen (LIST_PATH "/"));
      pkio_test_server_respond (msg, 200, answer);
      return;
    }

  if (g_str_equal (method, "PUT") && g_str_has_suffix (path, "/status"))
    {
      f->order_gets++;
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }

  f->posts++;
  g_array_append_val (f->post_times, now);
  body = soup_server_message_get_request_body (msg);
  g_ptr_array_add (f->bodies, g_strndup (body->data, body->length));

  if (!pkio_test_server_take_order (msg, path, f->mode, f->posts, &f->held))
    return;

  answer = g_strdup_printf ("{\"id\":%" G_GUINT64_FORMAT ",\"certificate_id\":%" G_GUINT64_FORMAT "}",
                            f->next_order_id, f->next_order_id + 1000);
  f->next_order_id++;
  pkio_test_server_respond (msg, 201, answer);
}

static void
outbox_problems_cb (PkioOrderBook  *book,
                    guint           part,
                    GPtrArray      *problems,
                    GPtrArray     **out)
{
  if (part == PKIO_ORDER_BOOK_PART_OUTBOX && out != NULL)
    {
      g_clear_pointer (out, g_ptr_array_unref);
      *out = g_ptr_array_ref (problems);
    }
}

/* A fresh outbox and history on the same files, opened by an order book
 * as after a restart; its writes fail with @fail_errno if not 0; what the
 * outbox's load reported goes to @problems. */
static void
reopen_full (Fixture    *f,
             int         fail_errno,
             GPtrArray **problems)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->book);
  g_clear_object (&f->outbox);
  g_clear_object (&f->history);
  g_clear_object (&f->store);
  f->store = _pkio_store_new_with_key (f->dir, f->key);
  if (fail_errno != 0)
    _pkio_store_fail_writes (f->store, fail_errno, 0);
  f->book = pkio_order_book_new (f->store, f->account, NULL);
  f->history = g_object_ref (pkio_order_book_get_history (f->book));
  f->outbox = g_object_ref (pkio_order_book_get_outbox (f->book));
  if (f->account == NULL)
    pkio_outbox_set_client (f->outbox, f->client);

  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->book, "problems", G_CALLBACK (outbox_problems_cb), problems);
  pkio_order_book_open_async (f->book, PKIO_ORDER_BOOK_OPEN_NONE, NULL, pkio_test_result_cb,
                              &result);
  g_assert_true (pkio_order_book_open_finish (f->book, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (f->book, outbox_problems_cb, problems);
}

static void
reopen (Fixture *f)
{
  reopen_full (f, 0, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pkio-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->key = pkio_test_random_store_key ();
  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->post_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->next_order_id = 9000001;

  f->server = pkio_test_server_new (handler, f, &f->base_url);

  f->client = pkio_client_new (f->base_url);
  pkio_client_set_api_key (f->client, "PKIOOUTBOXTESTKEY");
  pkio_client_set_timeout (f->client, 5);
  /* Two requests per 300 ms: tight enough to see the flush wait. */
  f->limiter = pkio_rate_limiter_new_full (2, 300 * 1000, 1000, 180 * G_USEC_PER_SEC);
  pkio_client_set_rate_limiter (f->client, f->limiter);

  reopen (f);
}

/* Every path, the failed ones too, lets go of the outbox and what it
 * holds: a leaked send would keep a card order's details alive. */
static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pkio_test_assert_finalized (&f->book);
  pkio_test_assert_finalized (&f->outbox);
  pkio_test_assert_finalized (&f->account);
  pkio_test_assert_finalized (&f->history);
  pkio_test_assert_finalized (&f->store);
  pkio_test_assert_finalized (&f->client);
  pkio_test_assert_finalized (&f->limiter);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base_url);
  g_ptr_array_unref (f->bodies);
  g_array_unref (f->post_times);
  g_bytes_unref (f->key);
  pkio_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
enqueue (Fixture           *f,
         PkioPaymentMethod  payment,
         const char        *first_name)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (payment);

  if (first_name != NULL)
    g_object_set (order, "first-name", first_name, NULL);

  return pkio_test_enqueue (f->outbox, order);
}

static PkioOutboxReport *
flush (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioOutboxReport *report;

  pkio_outbox_flush_async (f->outbox, NULL, pkio_test_result_cb, &result);
  report = pkio_outbox_flush_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static PkioOutboxState
state_of (Fixture    *f,
          const char *id)
{
  const PkioOutboxEntry *entry = pkio_outbox_lookup (f->outbox, id);

  g_assert_nonnull (entry);

  return entry->state;
}

/* Every file under the test's directory, raw and decrypted: neither holds
 * the card number or the CVV; the raw bytes hold no name either. */
static void
assert_no_secrets_on_disk (Fixture    *f,
                           const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path ? path : f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path ? path : f->dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *plain = NULL;
      g_autoptr(GBytes) sealed = NULL;
      gsize len;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          assert_no_secrets_on_disk (f, child);
          continue;
        }

      g_assert_true (g_file_get_contents (child, &contents, &len, NULL));
      g_assert_null (memmem (contents, len, CARD_DIGITS, strlen (CARD_DIGITS)));
      g_assert_null (memmem (contents, len, "Vries", 5));
      g_assert_null (memmem (contents, len, "jan.devries", 11));
      g_assert_null (memmem (contents, len, "PKIOOUTBOXTESTKEY", 17));
      /* The writers' lock and claims are empty files. */
      if (len == 0)
        continue;

      sealed = g_bytes_new_take (g_steal_pointer (&contents), len);
      plain = _pkio_store_unseal (f->key, sealed, &len, NULL);
      g_assert_nonnull (plain);
      g_assert_null (strstr (plain, CARD_DIGITS));
      g_assert_null (strstr (plain, "\"cvv\""));
      g_assert_null (strstr (plain, "PKIOOUTBOXTESTKEY"));
    }
}

static void
test_enqueue_states (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *balance = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autofree char *card = enqueue (f, PKIO_PAYMENT_METHOD_CARD, NULL);

  g_assert_cmpint (state_of (f, balance), ==, PKIO_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (state_of (f, card), ==, PKIO_OUTBOX_STATE_NEEDS_PAYMENT);
  assert_no_secrets_on_disk (f, NULL);

  /* The same after a restart. */
  reopen (f);
  g_assert_cmpint (state_of (f, balance), ==, PKIO_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (state_of (f, card), ==, PKIO_OUTBOX_STATE_NEEDS_PAYMENT);
  g_assert_cmpuint (f->posts, ==, 0);
}

static void
test_flush_sends_each_once (Fixture       *f,
                            gconstpointer  data)
{
  const char *names[] = { "Anna", "Bram", "Cor", "Daan", "Eva" };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *card = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autoptr(PkioOutboxReport) again = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 started;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (ids, enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, names[i]));
  card = enqueue (f, PKIO_PAYMENT_METHOD_CARD, NULL);

  started = g_get_monotonic_time ();
  report = flush (f);
  g_assert_cmpuint (f->posts, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (report->sent->len, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (report->needs_payment->len, ==, 1);
  g_assert_cmpuint (report->failed->len, ==, 0);
  g_assert_cmpuint (report->outcome_unknown->len, ==, 0);

  /* One POST per order, each order once, oldest first. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *needle = g_strdup_printf ("\"first_name\":\"%s\"", names[i]);

      g_assert_nonnull (strstr (g_ptr_array_index (f->bodies, i), needle));
    }

  /* Through the limiter, 2 per 300 ms: the fifth POST cannot leave before
   * 600 ms. (The gaps the server sees between two POSTs prove nothing: a
   * busy machine can hold one back and hand two over at once.) A limiter
   * tick may round down to the millisecond. */
  g_assert_cmpint (g_array_index (f->post_times, gint64, f->post_times->len - 1) - started,
                   >=, 599 * 1000);

  /* Sent orders are in the history and out of the outbox. */
  history = pkio_history_dup_entries (f->history);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < ids->len; i++)
    g_assert_null (pkio_outbox_lookup (f->outbox, g_ptr_array_index (ids, i)));
  g_assert_cmpint (state_of (f, card), ==, PKIO_OUTBOX_STATE_NEEDS_PAYMENT);

  /* A second flush, and one after a restart, send nothing more. */
  again = flush (f);
  g_assert_cmpuint (again->sent->len, ==, 0);
  reopen (f);
  g_clear_pointer (&again, pkio_outbox_report_free);
  again = flush (f);
  g_assert_cmpuint (f->posts, ==, G_N_ELEMENTS (names));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = pkio_history_dup_entries (f->history);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (names));
  assert_no_secrets_on_disk (f, NULL);
}

static void
test_card_order_needs_details (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *card = enqueue (f, PKIO_PAYMENT_METHOD_CARD, NULL);
  g_autoptr(PkioOrder) with_card = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;

  pkio_outbox_send_async (f->outbox, card, NULL, PKIO_OUTBOX_SEND_NONE, NULL, pkio_test_result_cb, &result);
  receipt = pkio_outbox_send_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_error (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NEEDS_PAYMENT);
  g_assert_cmpuint (f->posts, ==, 0);

  g_clear_error (&error);
  g_clear_object (&result);
  pkio_outbox_send_async (f->outbox, card, with_card, PKIO_OUTBOX_SEND_NONE, NULL, pkio_test_result_cb,
                          &result);
  receipt = pkio_outbox_send_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (receipt);
  g_assert_cmpuint (f->posts, ==, 1);
  /* The card went to CertCentral, and nowhere on disk. */
  g_assert_nonnull (strstr (g_ptr_array_index (f->bodies, 0), CARD_DIGITS));
  assert_no_secrets_on_disk (f, NULL);
}

/* A crash between "sending" and the answer: the file says "sending". */
static void
test_crash_while_sending (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(PkioStoreRecord) record = NULL;

  /* Write what the outbox writes just before its POST. */
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_OUTBOX, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  record = pkio_store_record_copy (g_ptr_array_index (records, 0));
  json_object_set_string_member (json_node_get_object (record->meta), "state", "sending");
  g_assert_true (_pkio_store_save_sync (f->store, PKIO_STORE_KIND_OUTBOX, record, &error));

  reopen (f);
  g_assert_cmpint (state_of (f, id), ==, PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN);
  g_assert_nonnull (pkio_outbox_lookup (f->outbox, id)->reason);

  /* Written so: another restart still knows. */
  reopen (f);
  g_assert_cmpint (state_of (f, id), ==, PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN);

  /* Neither a flush nor a plain send sends it. */
  f->list_finds = FALSE;
  report = flush (f);
  g_assert_cmpuint (f->posts, ==, 0);
  g_assert_cmpuint (report->outcome_unknown->len, ==, 1);
  g_assert_cmpuint (f->lists, ==, 1);

  g_clear_object (&result);
  pkio_outbox_send_async (f->outbox, id, NULL, PKIO_OUTBOX_SEND_NONE, NULL, pkio_test_result_cb, &result);
  receipt = pkio_outbox_send_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_error (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (f->posts, ==, 0);
}

static PkioOrderReceipt *
send_one (Fixture              *f,
          const char           *id,
          PkioOutboxSendFlags   flags,
          GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_outbox_send_async (f->outbox, id, NULL, flags, NULL, pkio_test_result_cb, &result);

  return pkio_outbox_send_finish (f->outbox, pkio_test_wait_result (&result), error);
}

static JsonArray *
reconcile (Fixture    *f,
           const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *found;

  pkio_outbox_reconcile_async (f->outbox, id, NULL, pkio_test_result_cb, &result);
  found = pkio_outbox_reconcile_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);

  return found;
}

static void
test_dropped_then_found (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const PkioOutboxEntry *entry;
  const PkioHistoryEntry *history_entry;

  f->mode = PKIO_TEST_ORDER_DROP;
  receipt = send_one (f, id, PKIO_OUTBOX_SEND_NONE, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpint (state_of (f, id), ==, PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN);
  g_assert_cmpuint (f->posts, ==, 1);

  /* Confirming a resend before reconciling is refused. */
  g_clear_error (&error);
  receipt = send_one (f, id, PKIO_OUTBOX_SEND_RESEND_CONFIRMED, &error);
  g_assert_error (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (f->posts, ==, 1);

  f->list_finds = TRUE;
  found = reconcile (f, id);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  entry = pkio_outbox_lookup (f->outbox, id);
  g_assert_true (entry->reconciled);
  g_assert_cmpuint (entry->candidates->len, ==, 1);
  g_assert_cmpint (g_array_index (entry->candidates, gint64, 0), ==, 5550001);

  /* The user recognises it: sent, in the history, no second POST. */
  g_clear_error (&error);
  pkio_outbox_mark_sent_async (f->outbox, id, 5550001, 0, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_outbox_mark_sent_finish (f->outbox, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (pkio_outbox_lookup (f->outbox, id));
  history_entry = pkio_history_lookup (f->history, id);
  g_assert_nonnull (history_entry);
  g_assert_cmpint (history_entry->order_id, ==, 5550001);
  g_assert_cmpuint (f->posts, ==, 1);
}

static void
test_dropped_not_found_resend (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(JsonArray) found = NULL;

  f->mode = PKIO_TEST_ORDER_DROP;
  receipt = send_one (f, id, PKIO_OUTBOX_SEND_NONE, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);

  f->list_finds = FALSE;
  found = reconcile (f, id);
  g_assert_cmpuint (json_array_get_length (found), ==, 0);

  /* Survives a restart: still unknown, reconciled, nothing found. */
  reopen (f);
  g_assert_cmpint (state_of (f, id), ==, PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN);
  g_assert_true (pkio_outbox_lookup (f->outbox, id)->reconciled);

  /* Only the user's explicit resend sends it again. */
  f->mode = PKIO_TEST_ORDER_OK;
  receipt = send_one (f, id, PKIO_OUTBOX_SEND_RESEND_CONFIRMED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (receipt);
  g_assert_cmpuint (f->posts, ==, 2);
  g_assert_null (pkio_outbox_lookup (f->outbox, id));
  g_assert_nonnull (pkio_history_lookup (f->history, id));
}

static void
test_offline_then_online (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *first = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Anna");
  g_autofree char *second = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Bram");
  g_autoptr(PkioClient) offline = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that refuses connections: bound, never listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_assert_true (g_socket_bind (socket, G_SOCKET_ADDRESS (any), FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/services/v2",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  offline = pkio_client_new (url);
  pkio_client_set_api_key (offline, "PKIOOUTBOXTESTKEY");
  pkio_outbox_set_client (f->outbox, offline);

  report = flush (f);
  g_assert_cmpuint (report->sent->len, ==, 0);
  g_assert_cmpuint (report->queued->len, ==, 2);
  g_assert_cmpint (state_of (f, first), ==, PKIO_OUTBOX_STATE_QUEUED);
  g_assert_nonnull (pkio_outbox_lookup (f->outbox, first)->reason);
  g_assert_cmpint (state_of (f, second), ==, PKIO_OUTBOX_STATE_QUEUED);

  /* Back online: each sent once. */
  pkio_outbox_set_client (f->outbox, f->client);
  g_clear_pointer (&report, pkio_outbox_report_free);
  report = flush (f);
  g_assert_cmpuint (report->sent->len, ==, 2);
  g_assert_cmpuint (f->posts, ==, 2);
}

/* The disk fills up between queueing and sending: the send stops before
 * the POST, and what is reported is the store's error, with what to do. */
static void
test_disk_full_while_sending (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;

  _pkio_store_fail_writes (f->store, ENOSPC, 0);
  receipt = send_one (f, id, PKIO_OUTBOX_SEND_NONE, &error);
  g_assert_null (receipt);
  g_assert_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Free some disk space"));
  g_assert_cmpuint (f->posts, ==, 0);
  g_assert_cmpint (state_of (f, id), ==, PKIO_OUTBOX_STATE_QUEUED);

  /* What `submit` does with any error; a store error has no API errors,
   * and asking is no critical (fatal here). */
  g_assert_null (pkio_client_error_get_api_errors (error));
}

/* A read-only data folder holding an entry left "sending": the outbox is
 * still read, the entry is outcome unknown (in memory), and the problem
 * says what to check. */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PkioStoreRecord) record = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;

  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_OUTBOX, NULL);
  record = pkio_store_record_copy (g_ptr_array_index (records, 0));
  json_object_set_string_member (json_node_get_object (record->meta), "state", "sending");
  g_assert_true (_pkio_store_save_sync (f->store, PKIO_STORE_KIND_OUTBOX, record, &error));

  reopen_full (f, EROFS, &problems);
  g_assert_cmpint (state_of (f, id), ==, PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "Check the permissions of"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), f->dir));

  /* And it is not sent. */
  report = flush (f);
  g_assert_cmpuint (f->posts, ==, 0);
  g_assert_cmpuint (report->outcome_unknown->len, ==, 1);
}

/* A flush's report says why each order was not sent in this round, not
 * why it was not sent in an earlier one. */
static void
test_flush_reasons_of_this_round (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *first = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Anna");
  g_autofree char *second = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Bram");
  g_autoptr(PkioClient) offline = pkio_client_new ("http://127.0.0.1:1/services/v2");
  g_autoptr(PkioOutboxReport) report = NULL;

  /* Port 1: refused. */
  pkio_client_set_api_key (offline, "PKIOOUTBOXTESTKEY");
  pkio_outbox_set_client (f->outbox, offline);
  report = flush (f);
  g_assert_cmpuint (report->queued->len, ==, 2);
  for (guint i = 0; i < report->queued->len; i++)
    g_assert_nonnull (strstr (((PkioOutboxEntry *) g_ptr_array_index (report->queued, i))->reason,
                              "could not be reached"));

  /* Online again, but the disk is full: nothing is sent, and the report
   * says so, for both, with nothing of yesterday's network. */
  pkio_outbox_set_client (f->outbox, f->client);
  _pkio_store_fail_writes (f->store, ENOSPC, 0);
  g_clear_pointer (&report, pkio_outbox_report_free);
  report = flush (f);
  g_assert_cmpuint (f->posts, ==, 0);
  g_assert_cmpuint (report->sent->len, ==, 0);
  g_assert_cmpuint (report->queued->len, ==, 2);
  for (guint i = 0; i < report->queued->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (report->queued, i);

      g_assert_nonnull (entry->reason);
      g_assert_null (strstr (entry->reason, "could not be reached"));
      g_assert_nonnull (strstr (entry->reason, "Free some disk space"));
    }
}

static void
test_429_honoured (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(PkioOutboxReport) report = NULL;

  /* A 429 is a refusal, so it may be sent again, after Retry-After. */
  f->mode = PKIO_TEST_ORDER_429_THEN_OK;
  report = flush (f);
  g_assert_cmpuint (report->sent->len, ==, 1);
  g_assert_cmpuint (f->posts, ==, 2);
  g_assert_cmpint (g_array_index (f->post_times, gint64, 1) -
                   g_array_index (f->post_times, gint64, 0), >=, 900 * 1000);
}

static void
test_history_status_and_csv (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "=Anna");
  g_autoptr(PkioOutboxReport) report = flush (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  const PkioHistoryEntry *entry;

  entry = pkio_history_lookup (f->history, id);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->status, ==, "pending");
  g_assert_true (pkio_history_entry_is_pending (entry));

  pkio_history_refresh_status_async (f->history, id, f->client, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_history_refresh_status_finish (f->history, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  reopen (f);
  entry = pkio_history_lookup (f->history, id);
  g_assert_cmpstr (entry->status, ==, "issued");
  g_assert_false (pkio_history_entry_is_pending (entry));

  csv = pkio_history_to_csv (f->history);
  g_assert_true (g_str_has_prefix (csv, "order_id,certificate_id,applicant,email,date,product,status\r\n"));
  g_assert_nonnull (strstr (csv, "\"'=Anna de Vries\""));
  g_assert_nonnull (strstr (csv, "\"issued\""));

  /* Cancelled: recorded as such. */
  g_clear_object (&result);
  pkio_history_cancel_order_async (f->history, id, f->client, "test", NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_history_cancel_order_finish (f->history, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_history_lookup (f->history, id)->status, ==, "canceled");

  /* Retention: an entry newer than the cut-off keeps its details. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) before = g_date_time_add_days (now, -90);

    g_clear_object (&result);
    pkio_history_remove_personal_data_async (f->history, before, NULL, pkio_test_result_cb, &result);
    g_assert_true (pkio_history_remove_personal_data_finish (f->history, pkio_test_wait_result (&result),
                                                             &error));
    g_assert_nonnull (pkio_history_lookup (f->history, id)->applicant);
  }

  /* Removing personal data keeps the order, drops the name and email. */
  g_clear_object (&result);
  pkio_history_remove_personal_data_async (f->history, NULL, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_history_remove_personal_data_finish (f->history, pkio_test_wait_result (&result), &error));
  reopen (f);
  entry = pkio_history_lookup (f->history, id);
  g_assert_null (entry->applicant);
  g_assert_null (entry->email);
  g_assert_cmpint (entry->order_id, ==, 9000001);
}

/* Practice is the account's mode: f->client becomes an account's
 * CertCentral client, and the outbox follows the account. */
static void
start_practice (Fixture       *f,
                PkioSimulator *simulator)
{
  if (f->account == NULL)
    {
      f->account = pkio_account_new_for_client (f->client);
      reopen (f);
    }
  pkio_account_set_practice (f->account, pkio_simulator_get_base_url (simulator));
}

static void
stop_practice (Fixture *f)
{
  pkio_account_set_practice (f->account, NULL);
}

static GError *
send_error (Fixture    *f,
            const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  GError *error = NULL;

  pkio_outbox_send_async (f->outbox, id, NULL, PKIO_OUTBOX_SEND_NONE, NULL, pkio_test_result_cb,
                          &result);
  receipt = pkio_outbox_send_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_null (receipt);

  return error;
}

/* An order queued in practice mode goes to the simulator and nowhere
 * else, whenever it is sent; a real one never goes to the simulator. The
 * mark is kept on disk, into the history, where status and cancellation
 * follow the same rule and the CSV export leaves practice out. */
static void
test_practice_kept_apart (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PkioSimulator) simulator = pkio_simulator_new ();
  g_autoptr(PkioClient) practice_client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *practice_id = NULL;
  g_autofree char *real_id = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *practice_order = NULL;
  PkioOutboxReport *report;
  const PkioHistoryEntry *entry;

  g_assert_true (pkio_simulator_start (simulator, &error));
  g_assert_no_error (error);

  /* Submit later in practice mode; then practice ends. */
  start_practice (f, simulator);
  g_assert_true (pkio_outbox_get_practice (f->outbox));
  practice_id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Pia");
  g_assert_true (pkio_outbox_lookup (f->outbox, practice_id)->practice);
  stop_practice (f);
  g_assert_false (pkio_outbox_get_practice (f->outbox));
  real_id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Rob");
  g_assert_false (pkio_outbox_lookup (f->outbox, real_id)->practice);

  /* Restarted outside practice mode: the flush sends the real order only,
   * and reports only it; the practice order cannot be sent at all. */
  reopen (f);
  g_assert_true (pkio_outbox_lookup (f->outbox, practice_id)->practice);
  report = flush (f);
  g_assert_cmpuint (report->sent->len, ==, 1);
  g_assert_cmpstr (((PkioOutboxEntry *) g_ptr_array_index (report->sent, 0))->id, ==, real_id);
  g_assert_cmpuint (report->queued->len, ==, 0);
  pkio_outbox_report_free (report);
  g_assert_cmpuint (f->posts, ==, 1);
  g_clear_error (&error);
  error = send_error (f, practice_id);
  g_assert_error (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_PRACTICE_MISMATCH);
  g_clear_error (&error);
  g_assert_cmpuint (f->posts, ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_requests (simulator), ==, 0);
  g_assert_cmpint (pkio_outbox_lookup (f->outbox, practice_id)->state, ==, PKIO_OUTBOX_STATE_QUEUED);
  entry = pkio_history_lookup (f->history, real_id);
  g_assert_nonnull (entry);
  g_assert_false (entry->practice);

  /* In practice mode again, with only CertCentral's client set: the
   * practice order goes to the simulator, CertCentral hears nothing. */
  start_practice (f, simulator);
  report = flush (f);
  g_assert_cmpuint (report->sent->len, ==, 1);
  pkio_outbox_report_free (report);
  g_assert_cmpuint (f->posts, ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (simulator), ==, 1);
  g_assert_null (pkio_outbox_lookup (f->outbox, practice_id));

  /* The account's practice client does not replace CertCentral's. */
  practice_client = g_object_ref (pkio_account_get_client (f->account));
  g_assert_true (pkio_client_get_practice (practice_client));
  g_assert_true (pkio_outbox_get_client (f->outbox) == practice_client);

  /* The history keeps the mark, across a restart. */
  reopen (f);
  entry = pkio_history_lookup (f->history, practice_id);
  g_assert_nonnull (entry);
  g_assert_true (entry->practice);
  g_assert_false (pkio_history_lookup (f->history, real_id)->practice);

  /* In practice mode the real order is neither refreshed nor cancelled
   * through the simulator; the practice one is, there. */
  pkio_history_refresh_status_async (f->history, real_id, practice_client, NULL,
                                     pkio_test_result_cb, &result);
  g_assert_false (pkio_history_refresh_status_finish (f->history, pkio_test_wait_result (&result),
                                                      &error));
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_PRACTICE_MISMATCH);
  g_clear_error (&error);
  g_clear_object (&result);
  pkio_history_cancel_order_async (f->history, real_id, practice_client, "test", NULL,
                                   pkio_test_result_cb, &result);
  g_assert_false (pkio_history_cancel_order_finish (f->history, pkio_test_wait_result (&result),
                                                    &error));
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_PRACTICE_MISMATCH);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (pkio_simulator_get_n_requests (simulator), ==, 1);
  pkio_history_refresh_status_async (f->history, practice_id, practice_client, NULL,
                                     pkio_test_result_cb, &result);
  g_assert_true (pkio_history_refresh_status_finish (f->history, pkio_test_wait_result (&result),
                                                     &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (pkio_simulator_get_n_requests (simulator), ==, 2);

  /* Out of practice mode, CertCentral's client is not asked about the
   * practice order, and the export is of real orders only. */
  stop_practice (f);
  pkio_history_refresh_status_async (f->history, practice_id, f->client, NULL,
                                     pkio_test_result_cb, &result);
  g_assert_false (pkio_history_refresh_status_finish (f->history, pkio_test_wait_result (&result),
                                                      &error));
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_PRACTICE_MISMATCH);
  g_clear_error (&error);
  g_clear_object (&result);
  pkio_history_cancel_order_async (f->history, practice_id, f->client, "test", NULL,
                                   pkio_test_result_cb, &result);
  g_assert_false (pkio_history_cancel_order_finish (f->history, pkio_test_wait_result (&result),
                                                    &error));
  g_assert_error (error, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_PRACTICE_MISMATCH);
  g_clear_error (&error);
  g_assert_cmpuint (f->order_gets, ==, 0);
  g_assert_true (pkio_outbox_get_client (f->outbox) == f->client);

  csv = pkio_history_to_csv (f->history);
  practice_order = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                                    pkio_history_lookup (f->history, practice_id)->order_id);
  g_assert_nonnull (strstr (csv, "\"Rob de Vries\""));
  g_assert_null (strstr (csv, "Pia"));
  g_assert_null (strstr (csv, practice_order));
}

/* Entries written before practice was recorded (record version 1) have no
 * such field: they are real orders, and are sent as such. */
static void
test_version_1_is_real (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(JsonNode) body = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
  g_autofree char *order_json = json_to_string (body, FALSE);
  g_autofree char *id = pkio_store_new_id ();
  g_autofree char *name = g_strconcat (id, ".pkio", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "outbox", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;

  plain = g_strdup_printf ("{\"version\":1,\"meta\":{\"state\":\"queued\","
                           "\"created\":\"2026-01-05T10:00:00Z\",\"applicant\":\"Jan de Vries\","
                           "\"email\":\"jan.devries@example.nl\",\"payment_method\":\"balance\","
                           "\"order_id\":0,\"certificate_id\":0,\"reconciled\":false,"
                           "\"candidates\":[]},\"order\":%s}", order_json);
  sealed = _pkio_store_seal (f->key, plain, strlen (plain), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (sealed, NULL),
                                      g_bytes_get_size (sealed), &error));

  reopen (f);
  g_assert_nonnull (pkio_outbox_lookup (f->outbox, id));
  g_assert_false (pkio_outbox_lookup (f->outbox, id)->practice);
  report = flush (f);
  g_assert_cmpuint (report->sent->len, ==, 1);
  g_assert_cmpuint (f->posts, ==, 1);
  g_assert_false (pkio_history_lookup (f->history, id)->practice);
}

/* The window and a scheduled `outbox flush` at the same moment: two
 * outboxes on the same files. The claim lets only one of them send. */
static void
test_two_processes_send_once (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *a = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Anna");
  g_autofree char *b = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Bram");
  g_autoptr(PkioStore) other_store = _pkio_store_new_with_key (f->dir, f->key);
  g_autoptr(PkioHistory) other_history = pkio_history_new (other_store);
  g_autoptr(PkioOutbox) other = pkio_outbox_new (other_store, other_history);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) other_result = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autoptr(PkioOutboxReport) other_report = NULL;
  g_autoptr(GError) error = NULL;

  pkio_outbox_set_client (other, f->client);
  pkio_outbox_load_async (other, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_outbox_load_finish (other, pkio_test_wait_result (&result), NULL, &error));
  g_clear_object (&result);

  pkio_outbox_flush_async (f->outbox, NULL, pkio_test_result_cb, &result);
  pkio_outbox_flush_async (other, NULL, pkio_test_result_cb, &other_result);
  report = pkio_outbox_flush_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  other_report = pkio_outbox_flush_finish (other, pkio_test_wait_result (&other_result), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (f->posts, ==, 2);
  g_assert_cmpuint (report->sent->len + other_report->sent->len, ==, 2);
}

static void
auto_flushed_cb (PkioOutbox       *outbox,
                 PkioOutboxReport *report,
                 guint            *sent)
{
  *sent += report->sent->len;
}

/* The network settles when the test says so (_pkio_outbox_settle_now),
 * never by itself while a test runs. */
#define SETTLE_NEVER_MS (24 * 3600 * 1000)

static gboolean
some_sent (gpointer data)
{
  return *(guint *) data > 0;
}

/* The outbox's clock in these tests: it moves when they move it. */
typedef struct
{
  GDateTime *now;
} TestClock;

static GDateTime *
test_clock_now (gpointer user_data)
{
  return g_date_time_ref (((TestClock *) user_data)->now);
}

static void
test_clock_advance (TestClock *clock,
                    int        seconds)
{
  GDateTime *later = g_date_time_add_seconds (clock->now, seconds);

  g_date_time_unref (clock->now);
  clock->now = later;
}

/* The network comes back, flaps, and comes back for good: the outbox
 * waits for it to settle, then sends once and says so. */
static void
test_network_returns (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  guint sent = 0;

  g_signal_connect (f->outbox, "auto-flushed", G_CALLBACK (auto_flushed_cb), &sent);
  pkio_outbox_watch_network (f->outbox, G_NETWORK_MONITOR (monitor), SETTLE_NEVER_MS);

  /* Gone again before it settled: when its settle time comes, there is
   * no settling left to end, and nothing goes. */
  test_monitor_set (monitor, TRUE);
  pkio_test_run_ready ();
  test_monitor_set (monitor, FALSE);
  g_assert_false (_pkio_outbox_settle_now (f->outbox));
  pkio_test_run_ready ();
  g_assert_false (pkio_outbox_get_busy (f->outbox));
  g_assert_cmpuint (f->posts, ==, 0);

  /* Back: nothing goes while it settles. */
  test_monitor_set (monitor, TRUE);
  pkio_test_run_ready ();
  g_assert_false (pkio_outbox_get_busy (f->outbox));
  g_assert_cmpuint (f->posts, ==, 0);

  g_assert_true (_pkio_outbox_settle_now (f->outbox));
  g_assert_true (pkio_test_run_until (some_sent, &sent, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (f->posts, ==, 1);
  g_assert_null (pkio_outbox_lookup (f->outbox, id));

  pkio_outbox_watch_network (f->outbox, NULL, 0);
}

static gboolean
outbox_idle (gpointer data)
{
  return !pkio_outbox_get_busy (data);
}

/* Queued while the network is up ("Submit later"): the settling network
 * does not send it, nor does the monitor repeating that it is up; the next
 * time the network comes back, it goes. */
static void
test_submit_later_waits (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autofree char *id = NULL;
  TestClock clock = { g_date_time_new_utc (2026, 11, 24, 10, 0, 0) };
  guint sent = 0;

  _pkio_outbox_set_clock (f->outbox, test_clock_now, &clock);
  g_signal_connect (f->outbox, "auto-flushed", G_CALLBACK (auto_flushed_cb), &sent);
  pkio_outbox_watch_network (f->outbox, G_NETWORK_MONITOR (monitor), SETTLE_NEVER_MS);
  test_monitor_set (monitor, TRUE);
  pkio_test_run_ready ();
  /* Queued a second after the network came back. */
  test_clock_advance (&clock, 1);
  id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);

  /* The network settles: it sends what was queued before it came back,
   * which this was not. */
  g_assert_true (_pkio_outbox_settle_now (f->outbox));
  g_assert_true (pkio_test_run_until (outbox_idle, f->outbox, PKIO_TEST_HANG_SECONDS));
  /* "Up" again from a monitor that never said "down" is no return: it
   * starts no settling that would send it. */
  test_monitor_set (monitor, TRUE);
  g_assert_false (_pkio_outbox_settle_now (f->outbox));
  pkio_test_run_ready ();
  g_assert_true (pkio_test_run_until (outbox_idle, f->outbox, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (f->posts, ==, 0);
  g_assert_cmpuint (sent, ==, 0);
  g_assert_nonnull (pkio_outbox_lookup (f->outbox, id));

  test_monitor_set (monitor, FALSE);
  test_clock_advance (&clock, 1);
  test_monitor_set (monitor, TRUE);
  g_assert_true (_pkio_outbox_settle_now (f->outbox));
  /* Until the flush has reported, not just posted: it still holds the
   * outbox and would report into this frame's @sent after it is gone. */
  g_assert_true (pkio_test_run_until (some_sent, &sent, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (f->posts, ==, 1);
  g_assert_cmpuint (sent, ==, 1);

  pkio_outbox_watch_network (f->outbox, NULL, 0);
  _pkio_outbox_set_clock (f->outbox, NULL, NULL);
  g_date_time_unref (clock.now);
}

/* Runs the main loop until the server holds a POST. */
static void
wait_held (Fixture *f)
{
  while (f->held == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Answers the held POST (201, as PKIO_TEST_ORDER_OK would have). */
static void
answer_held (Fixture *f)
{
  soup_server_message_unpause (f->held);
  f->held = NULL;
}

static const char *
state_on_disk (Fixture    *f,
               PkioStore  *store,
               const char *id)
{
  g_autoptr(GPtrArray) records = pkio_test_load_records (store, PKIO_STORE_KIND_OUTBOX, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      PkioStoreRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (record->id, id))
        return g_intern_string (json_object_get_string_member (json_node_get_object (record->meta),
                                                               "state"));
    }

  return NULL;
}

static PkioOutbox *
open_other (Fixture      *f,
            PkioStore   **store,
            PkioHistory **history)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioOutbox *other;

  *store = _pkio_store_new_with_key (f->dir, f->key);
  *history = pkio_history_new (*store);
  other = pkio_outbox_new (*store, *history);
  pkio_outbox_set_client (other, f->client);
  pkio_outbox_load_async (other, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_outbox_load_finish (other, pkio_test_wait_result (&result), NULL, &error));
  g_assert_no_error (error);

  return other;
}

static void
reload (PkioOutbox *outbox)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_outbox_load_async (outbox, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_outbox_load_finish (outbox, pkio_test_wait_result (&result), NULL, &error));
  g_assert_no_error (error);
}

/* `outbox list` in a second process while the window sends: the entry is
 * that process's, which holds its claim; loading leaves it alone, and once
 * the order is placed it is in the history and nowhere in the outbox. */
static void
test_load_leaves_live_send (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(PkioStore) other_store = NULL;
  g_autoptr(PkioHistory) other_history = NULL;
  g_autoptr(PkioOutbox) other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = PKIO_TEST_ORDER_HOLD;
  pkio_outbox_send_async (f->outbox, id, NULL, PKIO_OUTBOX_SEND_NONE, NULL, pkio_test_result_cb,
                          &result);
  wait_held (f);

  other = open_other (f, &other_store, &other_history);
  g_assert_cmpint (pkio_outbox_lookup (other, id)->state, ==, PKIO_OUTBOX_STATE_SENDING);
  g_assert_cmpstr (state_on_disk (f, other_store, id), ==, "sending");

  answer_held (f);
  receipt = pkio_outbox_send_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (receipt);
  g_assert_cmpuint (f->posts, ==, 1);

  /* Placed: in the history, and in no outbox, not even after a reload. */
  g_assert_null (pkio_outbox_lookup (f->outbox, id));
  g_assert_null (state_on_disk (f, f->store, id));
  reload (other);
  g_assert_null (pkio_outbox_lookup (other, id));
  reopen (f);
  g_assert_null (pkio_outbox_lookup (f->outbox, id));
  g_assert_nonnull (pkio_history_lookup (f->history, id));

  pkio_test_assert_finalized (&other);
}

/* Two `outbox flush` at once, the second starting while the first's POST
 * is under way: one POST, and no false "outcome unknown". */
static void
test_concurrent_flushes_no_false_unknown (Fixture       *f,
                                          gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autoptr(PkioStore) other_store = NULL;
  g_autoptr(PkioHistory) other_history = NULL;
  g_autoptr(PkioOutbox) other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) other_result = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autoptr(PkioOutboxReport) other_report = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = PKIO_TEST_ORDER_HOLD;
  pkio_outbox_flush_async (f->outbox, NULL, pkio_test_result_cb, &result);
  wait_held (f);

  other = open_other (f, &other_store, &other_history);
  pkio_outbox_flush_async (other, NULL, pkio_test_result_cb, &other_result);
  other_report = pkio_outbox_flush_finish (other, pkio_test_wait_result (&other_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_report->outcome_unknown->len, ==, 0);
  g_assert_cmpuint (other_report->sent->len, ==, 0);
  g_assert_cmpuint (other_report->sending->len, ==, 1);

  answer_held (f);
  report = pkio_outbox_flush_finish (f->outbox, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->sent->len, ==, 1);
  g_assert_cmpuint (report->outcome_unknown->len, ==, 0);
  g_assert_cmpuint (f->posts, ==, 1);

  reload (other);
  g_assert_null (pkio_outbox_lookup (other, id));
  g_clear_object (&other_result);
  pkio_test_assert_finalized (&other);
}

/* Failed sends: the POST dropped (outcome unknown), the claim held by
 * another process, a card order without its details. Each lets go of its
 * task, and so of the outbox (checked by the fixture). */
static void
test_failed_sends_free_outbox (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, NULL);
  g_autofree char *second = enqueue (f, PKIO_PAYMENT_METHOD_BALANCE, "Bram");
  g_autofree char *card = enqueue (f, PKIO_PAYMENT_METHOD_CARD, NULL);
  g_autoptr(PkioStore) other_store = _pkio_store_new_with_key (f->dir, f->key);
  g_autoptr(PkioStoreRecord) claimed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = PKIO_TEST_ORDER_DROP;
  receipt = send_one (f, id, PKIO_OUTBOX_SEND_NONE, &error);
  g_assert_null (receipt);
  g_assert_nonnull (error);
  g_assert_cmpint (state_of (f, id), ==, PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN);
  g_clear_error (&error);

  pkio_store_claim_async (other_store, PKIO_STORE_KIND_OUTBOX, second, NULL, pkio_test_result_cb,
                          &result);
  claimed = pkio_store_claim_finish (other_store, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  receipt = send_one (f, second, PKIO_OUTBOX_SEND_NONE, &error);
  g_assert_error (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (f->posts, ==, 1);

  receipt = send_one (f, card, PKIO_OUTBOX_SEND_NONE, &error);
  g_assert_error (error, PKIO_OUTBOX_ERROR, PKIO_OUTBOX_ERROR_NEEDS_PAYMENT);

  g_clear_object (&result);
  pkio_store_release_async (other_store, PKIO_STORE_KIND_OUTBOX, second, NULL,
                            pkio_test_result_cb, &result);
  g_assert_true (pkio_store_release_finish (other_store, pkio_test_wait_result (&result), NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pkio_test_pin_today ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/pkio/outbox/enqueue-states", test_enqueue_states);
  ADD ("/pkio/outbox/flush/each-once", test_flush_sends_each_once);
  ADD ("/pkio/outbox/card-needs-details", test_card_order_needs_details);
  ADD ("/pkio/outbox/crash-while-sending", test_crash_while_sending);
  ADD ("/pkio/outbox/reconcile/found", test_dropped_then_found);
  ADD ("/pkio/outbox/reconcile/not-found", test_dropped_not_found_resend);
  ADD ("/pkio/outbox/offline-then-online", test_offline_then_online);
  ADD ("/pkio/outbox/429", test_429_honoured);
  ADD ("/pkio/outbox/network-returns", test_network_returns);
  ADD ("/pkio/outbox/submit-later-waits", test_submit_later_waits);
  ADD ("/pkio/outbox/two-processes", test_two_processes_send_once);
  ADD ("/pkio/history/status-csv-retention", test_history_status_and_csv);
  ADD ("/pkio/outbox/practice-kept-apart", test_practice_kept_apart);
  ADD ("/pkio/outbox/version-1-is-real", test_version_1_is_real);
  ADD ("/pkio/outbox/claims/load-leaves-live-send", test_load_leaves_live_send);
  ADD ("/pkio/outbox/claims/concurrent-flushes", test_concurrent_flushes_no_false_unknown);
  ADD ("/pkio/outbox/failed-sends-free-outbox", test_failed_sends_free_outbox);

  ADD ("/pkio/outbox/disk-full-while-sending", test_disk_full_while_sending);
  ADD ("/pkio/outbox/read-only-folder", test_read_only_folder);
  ADD ("/pkio/outbox/flush-reasons-of-this-round", test_flush_reasons_of_this_round);

  return g_test_run ();
}
