/* test-order-book.c
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

#include <gnutls/crypto.h>
#include <string.h>

#include "pkio-order-book.h"
#include "pkio-secret-store.h"
#include "pkio-store-private.h"

/* The order book opens the store, then the drafts and the history, then
 * the outbox (which moves sent orders into the history), and reports each
 * part's problems as it goes; it watches with the account's client as the
 * account changes, and everything it made is freed with it. */

typedef struct
{
  char          *dir;
  GBytes        *key;
  PkioStore     *store;
  PkioAccount   *account;
  PkioClient    *client;
  PkioOrderBook *book;
  PkioDraftStore *drafts;
  PkioHistory   *history;
  PkioOutbox    *outbox;
  GArray        *parts;     /* (element-type guint) in the order reported */
} Fixture;

static void
problems_cb (PkioOrderBook *book,
             guint          part,
             GPtrArray     *problems,
             Fixture       *f)
{
  g_assert_cmpuint (problems->len, >, 0);
  g_array_append_val (f->parts, part);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pkio-order-book-XXXXXX", &error);
  g_assert_no_error (error);
  f->key = pkio_test_random_store_key ();
  f->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Nothing listens there: nothing is ever sent. */
  f->account = pkio_account_new ("http://127.0.0.1:9/services/v2");
  f->client = g_object_ref (pkio_account_get_client (f->account));
}

static void
open_book (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->store = _pkio_store_new_with_key (f->dir, f->key);
  f->book = pkio_order_book_new (f->store, f->account, NULL);
  g_signal_connect (f->book, "problems", G_CALLBACK (problems_cb), f);
  f->drafts = g_object_ref (pkio_order_book_get_drafts (f->book));
  f->history = g_object_ref (pkio_order_book_get_history (f->book));
  f->outbox = g_object_ref (pkio_order_book_get_outbox (f->book));
  g_assert_false (pkio_order_book_get_loaded (f->book));

  pkio_order_book_open_async (f->book, PKIO_ORDER_BOOK_OPEN_DRAFTS, NULL, pkio_test_result_cb,
                              &result);
  g_assert_true (pkio_order_book_open_finish (f->book, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (pkio_order_book_get_loaded (f->book));
}

/* Everything the book made or was given is freed with it: nothing keeps
 * polling, sending or holding an order once the book is gone. */
static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pkio_test_assert_finalized (&f->book);
  pkio_test_assert_finalized (&f->outbox);
  pkio_test_assert_finalized (&f->history);
  pkio_test_assert_finalized (&f->drafts);
  pkio_test_assert_finalized (&f->store);
  pkio_test_assert_finalized (&f->account);
  pkio_test_assert_finalized (&f->client);
  g_array_unref (f->parts);
  g_bytes_unref (f->key);
  pkio_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
put_garbage (Fixture    *f,
             const char *kind)
{
  g_autofree char *dir = g_build_filename (f->dir, kind, NULL);
  g_autofree char *path = g_build_filename (dir, "garbage.pkio", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"not\":\"ours\"}", -1, &error));
  g_assert_no_error (error);
}

/* A damaged file in each folder: each part says so, under its own name,
 * and the outbox only after the history it moves sent orders into. What
 * is in order loads. */
static void
test_opens_in_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int history_at = -1, outbox_at = -1, drafts_at = -1;

  /* A first run queues an order. */
  open_book (f);
  g_assert_cmpuint (f->parts->len, ==, 0);
  id = pkio_test_enqueue (f->outbox, order);
  pkio_test_assert_finalized (&f->book);
  g_clear_object (&f->outbox);
  g_clear_object (&f->history);
  g_clear_object (&f->drafts);
  g_clear_object (&f->store);

  put_garbage (f, "drafts");
  put_garbage (f, "history");
  put_garbage (f, "outbox");
  open_book (f);

  for (guint i = 0; i < f->parts->len; i++)
    {
      guint part = g_array_index (f->parts, guint, i);

      if (part == PKIO_ORDER_BOOK_PART_DRAFTS)
        drafts_at = i;
      else if (part == PKIO_ORDER_BOOK_PART_HISTORY)
        history_at = i;
      else if (part == PKIO_ORDER_BOOK_PART_OUTBOX)
        outbox_at = i;
    }
  g_assert_cmpuint (f->parts->len, ==, 3);
  g_assert_cmpint (drafts_at, >=, 0);
  g_assert_cmpint (history_at, >=, 0);
  g_assert_cmpint (outbox_at, >, history_at);

  entries = pkio_outbox_dup_entries (f->outbox);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_nonnull (pkio_outbox_lookup (f->outbox, id));
  g_assert_true (pkio_outbox_get_history (f->outbox) == f->history);
}

/* The status poller asks with the account's client once it has a key,
 * and follows the key: no key, no polling. */
static void
test_watch_follows_account (Fixture       *f,
                            gconstpointer  data)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  open_book (f);
  pkio_order_book_watch (f->book, monitor);
  g_assert_false (pkio_history_watch_now (f->history));

  pkio_account_set_api_key (f->account, "PKIOBOOKKEY");
  g_assert_true (pkio_history_watch_now (f->history));
  g_assert_true (pkio_outbox_get_client (f->outbox) == f->client);

  pkio_account_set_api_key (f->account, NULL);
  g_assert_false (pkio_history_watch_now (f->history));
  g_assert_null (pkio_outbox_get_client (f->outbox));

  /* Practice: the simulator's client, for the poller too. */
  pkio_account_set_practice (f->account, "http://127.0.0.1:7/services/v2");
  g_assert_true (pkio_history_watch_now (f->history));
  g_assert_true (pkio_outbox_get_practice (f->outbox));
  pkio_account_set_practice (f->account, NULL);
  g_assert_false (pkio_history_watch_now (f->history));
}

static GPtrArray *
find_same (Fixture   *f,
           PkioOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  pkio_order_book_find_same_applicant_async (f->book, order, NULL, pkio_test_result_cb, &result);
  found = pkio_order_book_find_same_applicant_finish (f->book, pkio_test_wait_result (&result),
                                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  return found;
}

/* The book says where an order is by its identity, lists every identity
 * a draft must not be kept for, and finds an earlier order for the same
 * applicant (same email, or same name) but not the order itself. */
static void
test_identity_and_same_applicant (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PkioOrder) first = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(PkioOrder) again = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(PkioOrder) other = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) identities = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *id = NULL;

  open_book (f);
  g_assert_cmpint (pkio_order_book_get_identity_state (f->book, pkio_order_get_identity (first)),
                   ==, PKIO_ORDER_BOOK_IDENTITY_NEW);
  id = pkio_test_enqueue (f->outbox, first);
  g_assert_cmpstr (id, ==, pkio_order_get_identity (first));
  g_assert_cmpint (pkio_order_book_get_identity_state (f->book, id), ==,
                   PKIO_ORDER_BOOK_IDENTITY_QUEUED);
  g_assert_cmpint (pkio_order_book_get_identity_state (f->book, pkio_order_get_identity (again)),
                   ==, PKIO_ORDER_BOOK_IDENTITY_NEW);
  identities = pkio_order_book_dup_identities (f->book);
  g_assert_cmpuint (identities->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (identities, 0), ==, id);

  /* Not itself; the same email, then the same name, is found. */
  found = find_same (f, first);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = find_same (f, again);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (found, 0), "jan.devries@example.nl"));
  g_clear_pointer (&found, g_ptr_array_unref);
  g_object_set (again, "email", "jan@example.org", NULL);
  found = find_same (f, again);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Someone else is no one's second order. */
  g_object_set (other, "first-name", "Anna", "last-name", "Jansen", "email",
                "anna@example.org", NULL);
  found = find_same (f, other);
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pkio/order-book/opens-in-order", Fixture, NULL,
              fixture_setup, test_opens_in_order, fixture_teardown);
  g_test_add ("/pkio/order-book/watch-follows-account", Fixture, NULL,
              fixture_setup, test_watch_follows_account, fixture_teardown);
  g_test_add ("/pkio/order-book/identity-and-same-applicant", Fixture, NULL,
              fixture_setup, test_identity_and_same_applicant, fixture_teardown);

  return g_test_run ();
}
