/* test-store.c
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
#include <fcntl.h>
#include <sys/file.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <signal.h>
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-secret-store.h"
#include "pkio-store-private.h"
#include "pkio-test-utils.h"

/* The record store: encryption, atomic replacement (a writer killed with
 * SIGKILL, many times), unreadable files set aside, and the keyring key
 * with its in-memory fallback. */

#define CARD_NUMBER "4111 1111 1111 1111"
#define CARD_DIGITS "4111111111111111"

typedef struct
{
  char      *dir;
  GBytes    *key;
  PkioStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pkio-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->key = pkio_test_random_store_key ();
  f->store = _pkio_store_new_with_key (f->dir, f->key);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pkio_test_assert_finalized (&f->store);
  g_bytes_unref (f->key);
  pkio_test_remove_tree (f->dir);
  g_free (f->dir);
}

static PkioStoreRecord *
card_record (const char *id)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(JsonNode) json = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) meta = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "applicant");
  json_builder_add_string_value (builder, "Jan de Vries");
  json_builder_end_object (builder);
  meta = json_builder_get_root (builder);

  return pkio_store_record_new (id, meta, json);
}

static void
save (PkioStore             *store,
      PkioStoreKind          kind,
      const PkioStoreRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_store_save_async (store, kind, record, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_store_save_finish (store, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static char *
record_file (Fixture    *f,
             const char *kind,
             const char *id)
{
  g_autofree char *name = g_strconcat (id, ".pkio", NULL);

  return g_build_filename (f->dir, kind, name, NULL);
}

static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  return g_strstr_len (data, len, needle) != NULL ||
         memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) record = card_record ("draft-1");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = record_file (f, "drafts", "draft-1");
  g_autofree char *contents = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  PkioStoreRecord *loaded;
  GStatBuf st;
  gsize len;

  save (f->store, PKIO_STORE_KIND_DRAFTS, record);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Encrypted: none of the personal data is in the bytes. */
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_false (bytes_contain (contents, len, "Vries"));
  g_assert_false (bytes_contain (contents, len, "jan.devries"));
  g_assert_false (bytes_contain (contents, len, "Delft"));
  g_assert_true (g_str_has_prefix (contents, "PKIOSTOR"));

  /* And decrypted, there is no card number and no CVV. */
  sealed = g_bytes_new_take (g_steal_pointer (&contents), len);
  plain = _pkio_store_unseal (f->key, sealed, &len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (plain, "Vries"));
  g_assert_null (strstr (plain, CARD_DIGITS));
  g_assert_null (strstr (plain, CARD_NUMBER));
  g_assert_null (strstr (plain, "\"cvv\""));
  g_assert_null (strstr (plain, "\"123\""));

  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (records->len, ==, 1);
  loaded = g_ptr_array_index (records, 0);
  g_assert_cmpstr (loaded->id, ==, "draft-1");
  g_assert_true (json_node_equal (loaded->meta, record->meta));
  g_assert_true (json_node_equal (loaded->order, record->order));
}

static void
test_tampered_and_garbage_set_aside (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) good = card_record ("good");
  g_autoptr(PkioStoreRecord) bad = card_record ("tampered");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *tampered = record_file (f, "drafts", "tampered");
  g_autofree char *garbage = record_file (f, "drafts", "garbage");
  g_autofree char *contents = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  save (f->store, PKIO_STORE_KIND_DRAFTS, good);
  save (f->store, PKIO_STORE_KIND_DRAFTS, bad);

  /* One bit changed in the ciphertext: GCM's tag catches it. */
  g_assert_true (g_file_get_contents (tampered, &contents, &len, &error));
  contents[len / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (tampered, contents, len, &error));
  g_assert_true (g_file_set_contents (garbage, "{\"not\":\"ours\"}", -1, &error));

  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, &problems);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((PkioStoreRecord *) g_ptr_array_index (records, 0))->id, ==, "good");

  /* Moved aside, not deleted, and said so. */
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_false (g_file_test (tampered, G_FILE_TEST_EXISTS));
  aside = g_strconcat (tampered, ".unreadable", NULL);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_free (g_steal_pointer (&aside));
  aside = g_strconcat (garbage, ".unreadable", NULL);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < problems->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (problems, i), ".unreadable"));

  /* The next load does not see them again. */
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, &problems);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gboolean
any_set_aside (Fixture    *f,
               const char *kind)
{
  g_autofree char *path = g_build_filename (f->dir, kind, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (strstr (name, ".unreadable") != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The keyring hands out another key for a while (another login, a restored
 * keyring): the records are reported, not set aside, and once the right
 * key is back every one of them loads again. */
static void
test_other_key_then_right_key (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) other_key = pkio_test_random_store_key ();
  g_autoptr(PkioStore) other = _pkio_store_new_with_key (f->dir, other_key);
  const PkioStoreKind kinds[] = { PKIO_STORE_KIND_DRAFTS, PKIO_STORE_KIND_OUTBOX,
                                  PKIO_STORE_KIND_HISTORY };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PkioStoreRecord) first = card_record ("first");
      g_autoptr(PkioStoreRecord) second = card_record ("second");

      save (f->store, kinds[k], first);
      save (f->store, kinds[k], second);
    }

  for (guint round = 0; round < 2; round++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autoptr(GPtrArray) records = NULL;
        g_autoptr(GPtrArray) problems = NULL;

        /* Once before the right key was ever seen to read them, once after. */
        if (round == 1)
          g_ptr_array_unref (pkio_test_load_records (f->store, kinds[k], NULL));

        records = pkio_test_load_records (other, kinds[k], &problems);
        g_assert_cmpuint (records->len, ==, 0);
        g_assert_cmpuint (problems->len, ==, 2);
        g_assert_false (any_set_aside (f, pkio_store_kind_get_name (kinds[k])));

        g_clear_pointer (&records, g_ptr_array_unref);
        g_clear_pointer (&problems, g_ptr_array_unref);
        records = pkio_test_load_records (f->store, kinds[k], &problems);
        g_assert_cmpuint (records->len, ==, 2);
        g_assert_cmpuint (problems->len, ==, 0);
      }
}

/* A file this user may not read now is not damaged: it stays. */
static void
test_unreadable_file_kept (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) record = card_record ("locked");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = record_file (f, "outbox", "locked");

  if (getuid () == 0)
    {
      g_test_skip ("root reads any file");
      return;
    }

  save (f->store, PKIO_STORE_KIND_OUTBOX, record);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_OUTBOX, &problems);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_false (any_set_aside (f, "outbox"));

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_OUTBOX, NULL);
  g_assert_cmpuint (records->len, ==, 1);
}

/* A write killed between its temporary file and the rename leaves
 * "<record>.pkio.XXXXXX": removed when the store next reads the folder,
 * unless a write is going on in another process. */
static void
test_leftovers_removed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) record = card_record ("kept");
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *kept = record_file (f, "drafts", "kept");
  g_autofree char *temp = g_strconcat (kept, ".Ab12Cd", NULL);
  g_autofree char *claim = g_strconcat (kept, ".claim", NULL);
  g_autofree char *lock_path = g_build_filename (f->dir, "writers.lock", NULL);
  g_autoptr(GError) error = NULL;
  int writer;

  save (f->store, PKIO_STORE_KIND_DRAFTS, record);
  g_assert_true (g_file_set_contents (temp, "half a record", -1, &error));
  g_assert_true (g_file_set_contents (claim, "", -1, &error));

  /* Another process in the middle of a write. */
  writer = g_open (lock_path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  g_assert_cmpint (writer, >=, 0);
  g_assert_cmpint (flock (writer, LOCK_SH), ==, 0);
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, NULL);
  g_assert_true (g_file_test (temp, G_FILE_TEST_EXISTS));
  close (writer);

  g_clear_pointer (&records, g_ptr_array_unref);
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (claim, G_FILE_TEST_EXISTS));
}

static void
test_newer_version_left_alone (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) record = card_record ("future");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = record_file (f, "history", "future");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  save (f->store, PKIO_STORE_KIND_HISTORY, record);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  contents[8] = 2;
  g_assert_true (g_file_set_contents (path, contents, len, &error));

  /* A newer release's file stays for the newer release to read. */
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_HISTORY, &problems);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_saves_keep_their_order (Fixture       *f,
                             gconstpointer  data)
{
  GAsyncResult *results[20] = { NULL, };
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *meta;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(PkioStoreRecord) record = card_record ("same");

      json_object_set_int_member (json_node_get_object (record->meta), "n", i);
      pkio_store_save_async (f->store, PKIO_STORE_KIND_DRAFTS, record, NULL, pkio_test_result_cb,
                             &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (pkio_store_save_finish (f->store, pkio_test_wait_result (&results[i]), &error));
      g_assert_no_error (error);
      g_object_unref (results[i]);
    }

  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  meta = json_node_get_object (((PkioStoreRecord *) g_ptr_array_index (records, 0))->meta);
  g_assert_cmpint (json_object_get_int_member (meta, "n"), ==, G_N_ELEMENTS (results) - 1);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) record = card_record ("gone");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  save (f->store, PKIO_STORE_KIND_DRAFTS, record);
  pkio_store_delete_async (f->store, PKIO_STORE_KIND_DRAFTS, "gone", NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_store_delete_finish (f->store, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, NULL);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_in_memory_writes_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PkioStore) memory = _pkio_store_new_with_key (f->dir, NULL);
  g_autoptr(PkioStoreRecord) record = card_record ("kept");
  g_autoptr(GPtrArray) records = NULL;

  g_assert_false (pkio_store_get_persistent (memory));
  save (memory, PKIO_STORE_KIND_DRAFTS, record);
  records = pkio_test_load_records (memory, PKIO_STORE_KIND_DRAFTS, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (pkio_test_count_files (f->dir), ==, 0);
}

/* Files in the store's folder that are not files PKIo Order wrote: a
 * FIFO (open() would wait for a writer for ever), links (one to
 * /dev/zero, which never ends), a file far too big, and a sealed record
 * nested deeper than the parser's stack allows. Each is set aside and
 * reported; the good record still loads. */
static void
test_hostile_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) good = card_record ("good");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"version\":1,\"meta\":");
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(PkioStoreRecord) claimed = NULL;
  g_autofree char *fifo = record_file (f, "outbox", "fifo");
  g_autofree char *zero = record_file (f, "outbox", "zero");
  g_autofree char *link = record_file (f, "outbox", "link");
  g_autofree char *big = record_file (f, "outbox", "big");
  g_autofree char *nested = record_file (f, "outbox", "nested");
  g_autofree char *good_path = record_file (f, "outbox", "good");
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere.pkio", NULL);
  const char *hostile[] = { fifo, zero, link, big, nested };
  g_autofree char *contents = NULL;
  gsize len;
  int fd;

  save (f->store, PKIO_STORE_KIND_OUTBOX, good);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  /* A link to a good record is refused too: the store writes no links. */
  g_assert_true (g_file_get_contents (good_path, &contents, &len, &error));
  g_assert_true (g_file_set_contents (elsewhere, contents, len, &error));
  g_assert_cmpint (symlink (elsewhere, link), ==, 0);
  fd = g_open (big, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 8 * 1024 * 1024), ==, 0);
  close (fd);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  sealed = _pkio_store_seal (f->key, deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (nested, g_bytes_get_data (sealed, NULL),
                                      g_bytes_get_size (sealed), &error));

  records = pkio_test_load_records (f->store, PKIO_STORE_KIND_OUTBOX, &problems);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((PkioStoreRecord *) g_ptr_array_index (records, 0))->id, ==, "good");
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (hostile));
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *aside = g_strconcat (hostile[i], ".unreadable", NULL);
      GStatBuf st;

      g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
      g_assert_false (g_file_test (hostile[i], G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
      g_assert_cmpint (g_lstat (aside, &st), ==, 0);
    }
  /* What a link pointed at is left alone. */
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_IS_REGULAR));

  /* A claim, which reads the record again, does not wait on a FIFO
   * either. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  pkio_store_claim_async (f->store, PKIO_STORE_KIND_OUTBOX, "fifo", NULL, pkio_test_result_cb,
                          &result);
  claimed = pkio_store_claim_finish (f->store, pkio_test_wait_result (&result), &error);
  g_assert_null (claimed);
  g_assert_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNREADABLE);
}

/* A full disk and a read-only folder: store errors that say what to do. */
static void
test_write_failures (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PkioStoreRecord) record = card_record ("record");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "drafts", NULL);
  g_autofree char *lock = g_build_filename (f->dir, "writers.lock", NULL);

  _pkio_store_fail_writes (f->store, ENOSPC, 0);
  pkio_store_save_async (f->store, PKIO_STORE_KIND_DRAFTS, record, NULL, pkio_test_result_cb,
                         &result);
  g_assert_false (pkio_store_save_finish (f->store, pkio_test_wait_result (&result), &error));
  g_assert_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Free some disk space"));

  g_clear_error (&error);
  g_clear_object (&result);
  _pkio_store_fail_writes (f->store, EROFS, 0);
  pkio_store_save_async (f->store, PKIO_STORE_KIND_DRAFTS, record, NULL, pkio_test_result_cb,
                         &result);
  g_assert_false (pkio_store_save_finish (f->store, pkio_test_wait_result (&result), &error));
  g_assert_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Check the permissions of"));
  g_assert_nonnull (strstr (error->message, folder));

  /* Nothing half-written is left: only the lock every write takes. */
  g_assert_cmpuint (pkio_test_count_files (f->dir), ==, 1);
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
}

/* With no key from the keyring, the store runs in memory; the records on
 * disk are still there, and "empty" would be untrue. */
static void
test_in_memory_counts_sealed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PkioStore) memory = _pkio_store_new_with_key (f->dir, NULL);
  g_autoptr(PkioStoreRecord) first = card_record ("first");
  g_autoptr(PkioStoreRecord) second = card_record ("second");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  save (f->store, PKIO_STORE_KIND_OUTBOX, first);
  save (f->store, PKIO_STORE_KIND_OUTBOX, second);

  records = pkio_test_load_records (memory, PKIO_STORE_KIND_OUTBOX, &problems);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "2 queued orders cannot be read until the keyring is unlocked.");

  /* Nothing to say where there is nothing. */
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  records = pkio_test_load_records (memory, PKIO_STORE_KIND_DRAFTS, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Kills a writer at random moments, many times; every file left behind
 * must be whole: the old or the new content, never a mix. */
static void
test_killed_writer_leaves_whole_files (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "pkio-test-store-writer", NULL);
  g_autofree char *key = g_base64_encode (g_bytes_get_data (f->key, NULL), PKIO_STORE_KEY_SIZE);
  g_autofree char *first = record_file (f, "drafts", "record-0");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint rounds = g_test_slow () ? 200 : 40;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, f->dir, key, NULL);
      g_assert_no_error (error);

      /* The first time, once it has written a record: every round after
       * finds at least that one. */
      if (i == 0)
        {
          g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
          g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (line, ==, "writing");
          g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));
        }
      /* Then let it run for a random moment of up to 20 ms: a real-time
       * pause on purpose, since where the writer is when it dies is what
       * this test varies. */
      g_usleep (g_random_int_range (0, 20000));
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (g_subprocess_get_if_exited (proc));

      g_clear_pointer (&records, g_ptr_array_unref);
      g_clear_pointer (&problems, g_ptr_array_unref);
      records = pkio_test_load_records (f->store, PKIO_STORE_KIND_DRAFTS, &problems);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpuint (records->len, >=, 1);
    }
}

/* The real key, from the harness's keyring: created once, then found. */
static void
test_keyring_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PkioStore) first = NULL;
  g_autoptr(PkioStore) second = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioStoreRecord) record = card_record ("shared");
  g_autoptr(GPtrArray) records = NULL;

  if (!pkio_test_in_harness ())
    return;

  dir = g_dir_make_tmp ("pkio-store-XXXXXX", &error);
  g_assert_no_error (error);

  first = pkio_store_new (dir);
  pkio_store_open_async (first, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_store_open_finish (first, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (pkio_store_get_persistent (first));
  save (first, PKIO_STORE_KIND_DRAFTS, record);

  g_clear_object (&result);
  second = pkio_store_new (dir);
  pkio_store_open_async (second, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_store_open_finish (second, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  records = pkio_test_load_records (second, PKIO_STORE_KIND_DRAFTS, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  pkio_test_remove_tree (dir);
}

/* No keyring at all: the store says so and works in memory, writing
 * nothing. Run in a child whose session bus cannot be reached. */
static void
test_keyring_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("pkio-store-XXXXXX", &error);
      g_autoptr(PkioStore) store = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PkioStoreRecord) record = card_record ("memory");
      g_autoptr(GPtrArray) records = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pkio-no-bus", TRUE);
      store = pkio_store_new (dir);
      pkio_store_open_async (store, NULL, pkio_test_result_cb, &result);
      g_assert_false (pkio_store_open_finish (store, pkio_test_wait_result (&result), &error));
      g_assert_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_IN_MEMORY);
      g_assert_true (pkio_store_get_opened (store));
      g_assert_false (pkio_store_get_persistent (store));

      save (store, PKIO_STORE_KIND_DRAFTS, record);
      records = pkio_test_load_records (store, PKIO_STORE_KIND_DRAFTS, NULL);
      g_assert_cmpuint (records->len, ==, 1);
      g_assert_cmpuint (pkio_test_count_files (dir), ==, 0);
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

typedef struct
{
  char     *id;
  char     *applicant;
  JsonNode *order;
  gboolean  on_main_thread;
} Mapped;

static void
mapped_free (Mapped *mapped)
{
  g_free (mapped->id);
  g_free (mapped->applicant);
  g_clear_pointer (&mapped->order, json_node_unref);
  g_free (mapped);
}

static GThread *main_thread;

static gpointer
map_record (PkioStoreRecord *record)
{
  Mapped *mapped = g_new0 (Mapped, 1);

  mapped->id = g_strdup (record->id);
  mapped->applicant = g_strdup (json_object_get_string_member (json_node_get_object (record->meta),
                                                               "applicant"));
  mapped->order = g_steal_pointer (&record->order);
  mapped->on_main_thread = g_thread_self () == main_thread;

  return mapped;
}

static void
test_load_mapped (Fixture       *f,
                  gconstpointer  data)
{
  const char * const ids[] = { "draft-c", "draft-a", "draft-b" };
  const char * const sorted[] = { "draft-a", "draft-b", "draft-c" };
  g_autoptr(PkioStoreRecord) record = card_record ("draft-a");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(PkioStoreRecord) copy = card_record (ids[i]);

      save (f->store, PKIO_STORE_KIND_DRAFTS, copy);
    }

  /* Each record is turned into the caller's item off the main thread, and
   * the items come in id order, owning what the map took. */
  main_thread = g_thread_self ();
  pkio_store_load_all_mapped_async (f->store, PKIO_STORE_KIND_DRAFTS, map_record,
                                    (GDestroyNotify) mapped_free, NULL, pkio_test_result_cb,
                                    &result);
  items = pkio_store_load_all_mapped_finish (f->store, pkio_test_wait_result (&result), &problems,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (items->len, ==, 3);
  for (guint i = 0; i < items->len; i++)
    {
      Mapped *mapped = g_ptr_array_index (items, i);

      g_assert_cmpstr (mapped->id, ==, sorted[i]);
      g_assert_cmpstr (mapped->applicant, ==, "Jan de Vries");
      g_assert_true (json_node_equal (mapped->order, record->order));
      g_assert_false (mapped->on_main_thread);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pkio_test_pin_today ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/pkio/store/round-trip", test_round_trip);
  ADD ("/pkio/store/set-aside/tampered-and-garbage", test_tampered_and_garbage_set_aside);
  ADD ("/pkio/store/other-key-then-right-key", test_other_key_then_right_key);
  ADD ("/pkio/store/unreadable-file-kept", test_unreadable_file_kept);
  ADD ("/pkio/store/leftovers-removed", test_leftovers_removed);
  ADD ("/pkio/store/newer-version", test_newer_version_left_alone);
  ADD ("/pkio/store/saves-keep-order", test_saves_keep_their_order);
  ADD ("/pkio/store/delete", test_delete);
  ADD ("/pkio/store/load-mapped", test_load_mapped);
  ADD ("/pkio/store/in-memory", test_in_memory_writes_nothing);
  ADD ("/pkio/store/in-memory/counts-sealed", test_in_memory_counts_sealed);
  ADD ("/pkio/store/hostile-files", test_hostile_files);
  ADD ("/pkio/store/write-failures", test_write_failures);
  ADD ("/pkio/store/atomic/killed-writer", test_killed_writer_leaves_whole_files);
  g_test_add_func ("/pkio/store/keyring/key", test_keyring_key);
  g_test_add_func ("/pkio/store/keyring/unavailable", test_keyring_unavailable);

  return g_test_run ();
}
