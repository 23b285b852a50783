/* test-drafts.c
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

#include <glib/gstdio.h>
#include <string.h>

#include "pkio-draft-store.h"
#include "pkio-history.h"
#include "pkio-order-json.h"
#include "pkio-secret-store.h"
#include "pkio-store-private.h"
#include "pkio-test-utils.h"

/* Drafts: autosave after the delay, restore after a restart, card details
 * never kept, delete with undo, duplicate; and 10,000 drafts and history
 * entries load without stalling the main loop. */

#define DELAY_MS 100
#define SAVE_NEVER_MS (24 * 3600 * 1000)

typedef struct
{
  char           *dir;
  GBytes         *key;
  PkioStore      *store;
  PkioDraftStore *drafts;
} Fixture;

static void
reopen (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->drafts);
  g_clear_object (&f->store);
  f->store = _pkio_store_new_with_key (f->dir, f->key);
  f->drafts = pkio_draft_store_new (f->store, DELAY_MS);
  pkio_draft_store_load_async (f->drafts, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_draft_store_load_finish (f->drafts, pkio_test_wait_result (&result), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->key = pkio_test_random_store_key ();
  f->dir = g_dir_make_tmp ("pkio-drafts-XXXXXX", &error);
  g_assert_no_error (error);
  reopen (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->drafts);
  g_clear_object (&f->store);
  g_bytes_unref (f->key);
  pkio_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Runs the main context until everything asked of the store so far is
 * done: it runs its operations in order on one worker, so a load asked
 * for now returns after them. */
static void
wait_for_store (Fixture *f)
{
  g_ptr_array_unref (pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, NULL));
}

static gboolean
nothing_pending (gpointer data)
{
  return !pkio_draft_store_has_pending (data);
}

static gboolean
flag_set_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @ms from now have passed. A save scheduled
 * before with a delay of @ms or less has come by then however slow the
 * machine: GLib's timers become ready in the order of their times. */
static void
run_past (guint ms)
{
  gboolean past = FALSE;

  g_timeout_add (ms, flag_set_cb, &past);
  g_assert_true (pkio_test_run_until (pkio_test_is_set, &past, PKIO_TEST_HANG_SECONDS));
}

static void
test_autosave_and_restore (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autofree char *id = pkio_draft_store_create_id (f->drafts);
  g_autoptr(PkioOrder) restored = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *drafts_dir = g_build_filename (f->dir, "drafts", NULL);
  const PkioDraft *draft;

  /* Changes in quick succession: each puts the save off again, and none
   * is written while they come. The delay is a day here, so that no
   * machine is slow enough to let it pass between two of them. */
  pkio_draft_store_set_delay (f->drafts, SAVE_NEVER_MS);
  for (guint i = 0; i < 5; i++)
    {
      g_object_set (order, "city", i % 2 ? "Delft" : "Leiden", NULL);
      pkio_draft_store_schedule_save (f->drafts, id, order, "shipping");
      pkio_test_run_ready ();
    }
  wait_for_store (f);
  g_assert_cmpuint (pkio_test_count_files (drafts_dir), ==, 0);
  g_assert_true (pkio_draft_store_has_pending (f->drafts));

  /* The last change says when the save comes: scheduled again with the
   * short delay, it comes then, not a day after the first. */
  pkio_draft_store_set_delay (f->drafts, DELAY_MS);
  pkio_draft_store_schedule_save (f->drafts, id, order, "shipping");
  g_assert_true (pkio_test_run_until (nothing_pending, f->drafts, PKIO_TEST_HANG_SECONDS));
  wait_for_store (f);
  g_assert_cmpuint (pkio_test_count_files (drafts_dir), ==, 1);

  /* After a restart: continue where the user left off. */
  reopen (f);
  draft = pkio_draft_store_get_latest (f->drafts);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->id, ==, id);
  g_assert_cmpstr (draft->applicant, ==, "Jan de Vries");
  g_assert_cmpstr (draft->step, ==, "shipping");

  restored = pkio_draft_store_dup_order (f->drafts, id, &problems);
  g_assert_nonnull (restored);
  g_assert_cmpstr (pkio_order_get_text (restored, PKIO_ORDER_TEXT_CITY), ==, "Leiden");
  g_assert_cmpint (pkio_order_get_payment_method (restored), ==, PKIO_PAYMENT_METHOD_CARD);
  /* The card number and CVV are asked for again. */
  g_assert_true (pkio_order_get_text (restored, PKIO_ORDER_TEXT_CARD_NUMBER) == NULL ||
                 pkio_order_get_text (restored, PKIO_ORDER_TEXT_CARD_NUMBER)[0] == '\0');
  g_assert_true (pkio_order_get_text (restored, PKIO_ORDER_TEXT_CARD_CVV) == NULL ||
                 pkio_order_get_text (restored, PKIO_ORDER_TEXT_CARD_CVV)[0] == '\0');
  g_assert_false (pkio_order_validate_step (restored, PKIO_ORDER_STEP_PAYMENT, NULL));
  g_assert_true (pkio_order_validate_step (restored, PKIO_ORDER_STEP_SHIPPING, NULL));
}

static void
test_flush_on_close (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autofree char *id = pkio_draft_store_create_id (f->drafts);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_draft_store_schedule_save (f->drafts, id, order, "payment");
  pkio_draft_store_flush_async (f->drafts, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_draft_store_flush_finish (f->drafts, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);

  reopen (f);
  g_assert_nonnull (pkio_draft_store_lookup (f->drafts, id));
}

static void
test_delete_undo_duplicate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autofree char *id = pkio_draft_store_create_id (f->drafts);
  g_autofree char *copy_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioDraft) removed = NULL;
  g_autoptr(GPtrArray) all = NULL;

  pkio_draft_store_save_now_async (f->drafts, id, order, "review", NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_draft_store_save_now_finish (f->drafts, pkio_test_wait_result (&result), &error));

  g_clear_object (&result);
  pkio_draft_store_duplicate_async (f->drafts, id, NULL, pkio_test_result_cb, &result);
  copy_id = pkio_draft_store_duplicate_finish (f->drafts, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy_id, !=, id);

  g_clear_object (&result);
  pkio_draft_store_delete_async (f->drafts, id, NULL, pkio_test_result_cb, &result);
  removed = pkio_draft_store_delete_finish (f->drafts, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (removed);
  reopen (f);
  g_assert_null (pkio_draft_store_lookup (f->drafts, id));
  g_assert_nonnull (pkio_draft_store_lookup (f->drafts, copy_id));

  /* Undo puts it back as it was. */
  g_clear_object (&result);
  pkio_draft_store_put_async (f->drafts, removed, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_draft_store_put_finish (f->drafts, pkio_test_wait_result (&result), &error));
  reopen (f);
  all = pkio_draft_store_dup_drafts (f->drafts);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (pkio_draft_store_lookup (f->drafts, id)->step, ==, "review");
}

typedef struct
{
  gint64 last;
  gint64 worst;
  guint  ticks;
} Probe;

static gboolean
probe_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  probe->worst = MAX (probe->worst, now - probe->last);
  probe->last = now;
  probe->ticks++;

  return G_SOURCE_CONTINUE;
}

/* Writes @n copies of one sealed record: the id is the file's name. */
static void
write_many (Fixture    *f,
            const char *kind,
            guint       n,
            const char *json)
{
  g_autofree char *dir = g_build_filename (f->dir, kind, NULL);
  g_autoptr(GBytes) sealed = _pkio_store_seal (f->key, json, strlen (json), NULL);
  gsize len;
  const char *bytes = g_bytes_get_data (sealed, &len);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("many-%05u.pkio", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (path, bytes, len, NULL));
    }
}

static void
test_ten_thousand_do_not_block (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autofree char *order_json = pkio_order_to_json_string (order, PKIO_ORDER_JSON_DRAFT, FALSE);
  g_autofree char *draft = g_strdup_printf ("{\"version\":1,\"meta\":{\"applicant\":\"Jan de Vries\","
                                            "\"modified\":\"2026-11-24T10:00:00Z\",\"step\":\"applicant\"},"
                                            "\"order\":%s}", order_json);
  const char *entry = "{\"version\":1,\"meta\":{\"order_id\":1,\"applicant\":\"Jan de Vries\","
                      "\"date\":\"2026-11-24T10:00:00Z\",\"status\":\"pending\"}}";
  g_autoptr(PkioHistory) history = NULL;
  g_autoptr(GAsyncResult) drafts_result = NULL;
  g_autoptr(GAsyncResult) history_result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  Probe probe = { 0 };
  guint probe_id;

  write_many (f, "drafts", 10000, draft);
  write_many (f, "history", 10000, entry);

  g_clear_object (&f->drafts);
  f->drafts = pkio_draft_store_new (f->store, DELAY_MS);
  history = pkio_history_new (f->store);

  probe.last = g_get_monotonic_time ();
  probe_id = g_timeout_add (5, probe_cb, &probe);
  pkio_draft_store_load_async (f->drafts, NULL, pkio_test_result_cb, &drafts_result);
  pkio_history_load_async (history, NULL, pkio_test_result_cb, &history_result);
  pkio_test_wait_result (&drafts_result);
  pkio_test_wait_result (&history_result);
  g_source_remove (probe_id);

  g_assert_true (pkio_draft_store_load_finish (f->drafts, drafts_result, NULL, &error));
  g_assert_true (pkio_history_load_finish (history, history_result, NULL, &error));
  all = pkio_draft_store_dup_drafts (f->drafts);
  entries = pkio_history_dup_entries (history);
  g_assert_cmpuint (all->len, ==, 10000);
  g_assert_cmpuint (entries->len, ==, 10000);

  /* The files are read and decrypted on a worker, so the main loop keeps
   * turning while 20,000 of them load; a load on the main thread would
   * let the probe in once at most, at the end. How long the stalls are is
   * measured in bench/, not asserted here. */
  g_test_message ("probe ran %u times; longest stall %" G_GINT64_FORMAT " ms", probe.ticks,
                  probe.worst / 1000);
  g_assert_cmpuint (probe.ticks, >=, 3);
}

/* An order's identity goes with its draft; once the order is queued or
 * placed (its identity closed) its drafts go, a save scheduled before does
 * not write one, and no later save does either (issue 15). */
static void
test_identity (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(PkioOrder) back = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = pkio_draft_store_create_id (f->drafts);
  g_autofree char *identity = g_strdup (pkio_order_get_identity (order));
  g_autofree char *copy_id = NULL;
  g_autofree char *drafts_dir = g_build_filename (f->dir, "drafts", NULL);
  const PkioDraft *draft;

  g_assert_true (g_uuid_string_is_valid (identity));
  pkio_draft_store_save_now_async (f->drafts, id, order, "review", NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_draft_store_save_now_finish (f->drafts, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);

  /* Kept on disk, and given back with the order. */
  reopen (f);
  draft = pkio_draft_store_lookup (f->drafts, id);
  g_assert_cmpstr (draft->identity, ==, identity);
  back = pkio_draft_store_dup_order (f->drafts, id, NULL);
  g_assert_cmpstr (pkio_order_get_identity (back), ==, identity);

  /* A copy is another order. */
  g_clear_object (&result);
  pkio_draft_store_duplicate_async (f->drafts, id, NULL, pkio_test_result_cb, &result);
  copy_id = pkio_draft_store_duplicate_finish (f->drafts, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_draft_store_lookup (f->drafts, copy_id)->identity, !=, identity);

  /* Queued: a save scheduled before, and one asked for after, write nothing. */
  pkio_draft_store_schedule_save (f->drafts, id, order, "review");
  g_assert_cmpuint (pkio_draft_store_close_identity (f->drafts, identity), ==, 1);
  g_assert_false (pkio_draft_store_has_pending (f->drafts));
  g_assert_null (pkio_draft_store_lookup (f->drafts, id));
  g_clear_object (&result);
  pkio_draft_store_save_now_async (f->drafts, id, order, "review", NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_draft_store_save_now_finish (f->drafts, pkio_test_wait_result (&result), &error));
  g_assert_null (pkio_draft_store_lookup (f->drafts, id));
  /* Past when the save scheduled before would have come. */
  run_past (DELAY_MS);

  /* Nor is one on disk to be found by the next window; the copy stays.
   * The draft's removal is written on the store's worker. */
  wait_for_store (f);
  g_assert_cmpuint (pkio_test_count_files (drafts_dir), ==, 1);
  reopen (f);
  g_assert_null (pkio_draft_store_lookup (f->drafts, id));
  g_assert_nonnull (pkio_draft_store_lookup (f->drafts, copy_id));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pkio_test_pin_today ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/pkio/drafts/autosave-restore", test_autosave_and_restore);
  ADD ("/pkio/drafts/flush-on-close", test_flush_on_close);
  ADD ("/pkio/drafts/delete-undo-duplicate", test_delete_undo_duplicate);
  ADD ("/pkio/drafts/identity", test_identity);
  ADD ("/pkio/drafts/ten-thousand", test_ten_thousand_do_not_block);

  return g_test_run ();
}
