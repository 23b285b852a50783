/* test-record.c
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

#include "pkio-record-list.h"

/* A record holds what its kind's table names: shown and compared, searched,
 * and the applicant, email and date, whatever the kind; a record list
 * follows a store's entries with one change at a time. */

static PkioHistoryEntry *
history_entry (const char *id,
               gint64      order_id)
{
  PkioHistoryEntry *entry = g_new0 (PkioHistoryEntry, 1);

  entry->id = g_strdup (id);
  entry->order_id = order_id;
  entry->certificate_id = 500000 + order_id;
  entry->applicant = g_strdup ("Anna Jansen");
  entry->email = g_strdup ("anna@example.org");
  entry->date = g_date_time_new_utc (2026, 11, 1, 12, 0, 0);
  entry->product = g_strdup ("pkio_qualified_burger");
  entry->status = g_strdup ("pending");
  entry->practice = TRUE;

  return entry;
}

static void
test_fields (void)
{
  g_autoptr(PkioHistoryEntry) entry = history_entry ("h1", 1234);
  g_autoptr(PkioRecord) record = pkio_record_new (PKIO_RECORD_KIND_HISTORY, entry);
  g_autofree char *folded = g_utf8_casefold ("JANSEN", -1);
  g_autoptr(PkioDraft) draft = g_new0 (PkioDraft, 1);
  g_autoptr(PkioRecord) draft_record = NULL;

  g_assert_cmpint (pkio_record_get_kind (record), ==, PKIO_RECORD_KIND_HISTORY);
  g_assert_cmpstr (pkio_record_get_id (record), ==, "h1");
  g_assert_cmpstr (pkio_record_get_applicant (record), ==, "Anna Jansen");
  g_assert_cmpstr (pkio_record_get_email (record), ==, "anna@example.org");
  g_assert_true (g_date_time_equal (pkio_record_get_date (record), entry->date));
  g_assert_true (pkio_record_get_practice (record));
  g_assert_nonnull (pkio_record_get_history_entry (record));
  g_assert_null (pkio_record_get_outbox_entry (record));

  /* Searched: the name, the email, the order and certificate numbers. */
  g_assert_true (pkio_record_matches (record, folded));
  g_assert_true (pkio_record_matches (record, "501234"));
  g_assert_true (pkio_record_matches (record, "1234"));
  g_assert_false (pkio_record_matches (record, "burger"));

  /* Shown: a status change is a change; the same entry is not. */
  g_assert_true (pkio_record_shows (record, entry));
  g_free (entry->status);
  entry->status = g_strdup ("issued");
  g_assert_false (pkio_record_shows (record, entry));

  /* A draft has no email and is never practice. */
  draft->id = g_strdup ("d1");
  draft->applicant = g_strdup ("Jan de Vries");
  draft_record = pkio_record_new (PKIO_RECORD_KIND_DRAFT, draft);
  g_assert_null (pkio_record_get_email (draft_record));
  g_assert_false (pkio_record_get_practice (draft_record));
  g_assert_cmpstr (pkio_record_get_draft (draft_record)->applicant, ==, "Jan de Vries");
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  *change = (Change) { position, removed, added, change->calls + 1 };
}

static void
test_list_sync (void)
{
  PkioRecordList *list = pkio_record_list_new (PKIO_RECORD_KIND_HISTORY);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(PkioRecord) second = NULL;
  PkioHistoryEntry *middle;
  Change change = { 0 };

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_history_entry_free);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &change);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == PKIO_TYPE_RECORD);
  g_ptr_array_add (entries, history_entry ("a", 1));
  g_ptr_array_add (entries, history_entry ("b", 2));
  g_ptr_array_add (entries, history_entry ("c", 3));
  pkio_record_list_sync (list, entries);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* Nothing changed: no signal. */
  pkio_record_list_sync (list, entries);
  g_assert_cmpuint (change.calls, ==, 1);

  /* One status change replaces that record only. */
  middle = g_ptr_array_index (entries, 1);
  g_free (middle->status);
  middle->status = g_strdup ("issued");
  pkio_record_list_sync (list, entries);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  second = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (pkio_record_get_history_entry (second)->status, ==, "issued");

  /* The last one gone. */
  g_ptr_array_remove_index (entries, 2);
  pkio_record_list_sync (list, entries);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);

  pkio_record_list_clear (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (change.removed, ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  g_signal_handlers_disconnect_by_data (list, &change);
  pkio_test_assert_finalized (&list);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/record/fields", test_fields);
  g_test_add_func ("/pkio/record/list-sync", test_list_sync);

  return g_test_run ();
}
