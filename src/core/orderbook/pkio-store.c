/* pkio-store.c
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
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <string.h>

#include "pkio-json-guard.h"
#include "pkio-secret-store.h"
#include "pkio-store-private.h"
#include "pkio-wipe.h"

/* The envelope: "PKIOSTOR", a version byte, the 12-byte GCM nonce, then the
 * ciphertext with its 16-byte tag. The header is the associated data, so a
 * changed version byte or nonce fails to decrypt like a changed ciphertext. */
#define ENVELOPE_MAGIC       "PKIOSTOR"
#define ENVELOPE_MAGIC_LEN   8
#define ENVELOPE_VERSION     1
#define NONCE_LEN            12
#define TAG_LEN              16
#define HEADER_LEN           (ENVELOPE_MAGIC_LEN + 1 + NONCE_LEN)
#define FILE_SUFFIX          ".pkio"
#define UNREADABLE_SUFFIX    ".unreadable"
#define CLAIM_SUFFIX         ".claim"
/* g_file_set_contents() writes "<record>.pkio.XXXXXX" and renames it. */
#define TEMP_TAIL_LEN        6
#define KEY_CHECK_NAME       "key-check"
#define WRITERS_LOCK_NAME    "writers.lock"
#define KEY_CHECK_TEXT       "PKIo Order store key"

/* A record is a few kilobytes; a file far past that is not one of ours,
 * and /dev/zero behind a link would otherwise fill the memory. */
#define MAX_FILE_SIZE        (1024 * 1024)

struct _PkioStore
{
  GObject      parent_instance;

  char        *directory;
  GBytes      *key;          /* NULL: in memory */
  gboolean     opened;

  /* Every operation runs on this one thread, in the order it was asked
   * for, so an older save of a record can never land after a newer one.
   * The lock keeps the test hooks and a reopened key apart from it. */
  GThreadPool *worker;
  GMutex       lock;
  GHashTable  *memory[3];            /* id → PkioStoreRecord, in memory mode */
  GHashTable  *claims;               /* "kind/id" → fd of the locked claim file, or -1 */

  /* Tests: writes fail with this errno once this many have succeeded. */
  int          fail_errno;
  guint        fail_after;
};

G_DEFINE_FINAL_TYPE (PkioStore, pkio_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (pkio-store-error-quark, pkio_store_error)

G_DEFINE_BOXED_TYPE (PkioStoreRecord, pkio_store_record,
                     pkio_store_record_copy, pkio_store_record_free)

/* json_node_copy() shares the JsonObjects and JsonArrays below the node,
 * and json-glib counts their references without atomics: a record handed
 * to a worker thread while the caller keeps (or frees) the original would
 * race on those counts. So records hold trees of their own. The text in
 * between holds personal data, and is wiped. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = NULL;
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  text = json_to_string (node, FALSE);
  copy = json_from_string (text, NULL);
  pkio_wipe_string (text);

  return copy;
}

static PkioStoreRecord *
record_new_shallow (const char *id,
                    JsonNode   *meta,
                    JsonNode   *order)
{
  PkioStoreRecord *self = g_new0 (PkioStoreRecord, 1);

  self->id = g_strdup (id);
  self->meta = json_node_copy (meta);
  self->order = order ? json_node_copy (order) : NULL;

  return self;
}

/**
 * pkio_store_record_new:
 *
 * Returns: (transfer full): a record with copies of @meta and @order that
 *   share nothing with them, so that it can go to another thread
 */
PkioStoreRecord *
pkio_store_record_new (const char *id,
                       JsonNode   *meta,
                       JsonNode   *order)
{
  PkioStoreRecord *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (meta == NULL || JSON_NODE_HOLDS_OBJECT (meta), NULL);

  self = g_new0 (PkioStoreRecord, 1);
  self->id = g_strdup (id);
  self->meta = meta ? deep_copy (meta) : json_node_init_object (json_node_alloc (),
                                                                 json_object_new ());
  self->order = deep_copy (order);

  return self;
}

PkioStoreRecord *
pkio_store_record_copy (const PkioStoreRecord *self)
{
  return pkio_store_record_new (self->id, self->meta, self->order);
}

void
pkio_store_record_free (PkioStoreRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_clear_pointer (&self->meta, json_node_unref);
  g_clear_pointer (&self->order, json_node_unref);
  g_free (self);
}

const char *
pkio_store_kind_get_name (PkioStoreKind kind)
{
  switch (kind)
    {
    case PKIO_STORE_KIND_DRAFTS:
      return "drafts";
    case PKIO_STORE_KIND_OUTBOX:
      return "outbox";
    case PKIO_STORE_KIND_HISTORY:
      return "history";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * pkio_store_new_id:
 *
 * Returns: (transfer full): a new record id, safe as a file name
 */
char *
pkio_store_new_id (void)
{
  return g_uuid_string_random ();
}

/* Ids become file names: nothing that could leave the directory. */
static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 64)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

/**
 * _pkio_store_seal:
 *
 * Returns: (transfer full): the envelope around @plaintext
 */
GBytes *
_pkio_store_seal (GBytes      *key,
                  const char  *plaintext,
                  gsize        length,
                  GError     **error)
{
  gnutls_aead_cipher_hd_t handle = NULL;
  gnutls_datum_t key_datum;
  gsize key_len = 0;
  guchar *out;
  size_t out_len;
  int rc;

  key_datum.data = (unsigned char *) g_bytes_get_data (key, &key_len);
  key_datum.size = key_len;
  g_return_val_if_fail (key_len == PKIO_STORE_KEY_SIZE, NULL);

  out = g_malloc (HEADER_LEN + length + TAG_LEN);
  memcpy (out, ENVELOPE_MAGIC, ENVELOPE_MAGIC_LEN);
  out[ENVELOPE_MAGIC_LEN] = ENVELOPE_VERSION;

  /* A random nonce per write: 96 bits make a repeat under one key
   * negligible for the few thousand files a desk writes. */
  rc = gnutls_rnd (GNUTLS_RND_NONCE, out + ENVELOPE_MAGIC_LEN + 1, NONCE_LEN);
  if (rc >= 0)
    rc = gnutls_aead_cipher_init (&handle, GNUTLS_CIPHER_AES_256_GCM, &key_datum);
  if (rc >= 0)
    {
      out_len = length + TAG_LEN;
      rc = gnutls_aead_cipher_encrypt (handle, out + ENVELOPE_MAGIC_LEN + 1, NONCE_LEN,
                                       out, HEADER_LEN, TAG_LEN, plaintext, length,
                                       out + HEADER_LEN, &out_len);
      gnutls_aead_cipher_deinit (handle);
    }
  if (rc < 0)
    {
      g_free (out);
      g_set_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED,
                   _("Could not encrypt: %s"), gnutls_strerror (rc));
      return NULL;
    }

  return g_bytes_new_take (out, HEADER_LEN + out_len);
}

/**
 * _pkio_store_unseal:
 *
 * Returns: (transfer full): the plaintext, NUL-terminated, or %NULL with
 *   %PKIO_STORE_ERROR_UNREADABLE or %PKIO_STORE_ERROR_NEWER_VERSION
 */
char *
_pkio_store_unseal (GBytes  *key,
                    GBytes  *sealed,
                    gsize   *length,
                    GError **error)
{
  gnutls_aead_cipher_hd_t handle = NULL;
  gnutls_datum_t key_datum;
  gsize key_len = 0;
  gsize len = 0;
  const guchar *data = g_bytes_get_data (sealed, &len);
  char *out;
  size_t out_len;
  int rc;

  key_datum.data = (unsigned char *) g_bytes_get_data (key, &key_len);
  key_datum.size = key_len;
  g_return_val_if_fail (key_len == PKIO_STORE_KEY_SIZE, NULL);

  if (len < HEADER_LEN + TAG_LEN || memcmp (data, ENVELOPE_MAGIC, ENVELOPE_MAGIC_LEN) != 0)
    {
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNREADABLE,
                           _("The file is not a PKIo Order record."));
      return NULL;
    }
  if (data[ENVELOPE_MAGIC_LEN] > ENVELOPE_VERSION)
    {
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NEWER_VERSION,
                           _("The file was written by a newer version of PKIo Order."));
      return NULL;
    }

  out_len = len - HEADER_LEN - TAG_LEN;
  out = g_malloc (out_len + 1);
  rc = gnutls_aead_cipher_init (&handle, GNUTLS_CIPHER_AES_256_GCM, &key_datum);
  if (rc >= 0)
    {
      rc = gnutls_aead_cipher_decrypt (handle, data + ENVELOPE_MAGIC_LEN + 1, NONCE_LEN,
                                       data, HEADER_LEN, TAG_LEN,
                                       data + HEADER_LEN, len - HEADER_LEN, out, &out_len);
      gnutls_aead_cipher_deinit (handle);
    }
  if (rc < 0)
    {
      g_free (out);
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNDECRYPTABLE,
                           _("The file could not be decrypted: it is damaged, or it was "
                             "encrypted with another key."));
      return NULL;
    }

  out[out_len] = '\0';
  if (length != NULL)
    *length = out_len;

  return out;
}

static char *
record_to_json (const PkioStoreRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PKIO_STORE_RECORD_VERSION);
  json_builder_set_member_name (builder, "meta");
  json_builder_add_value (builder, json_node_copy (record->meta));
  if (record->order != NULL)
    {
      json_builder_set_member_name (builder, "order");
      json_builder_add_value (builder, json_node_copy (record->order));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static PkioStoreRecord *
record_from_json (const char  *id,
                  const char  *text,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *meta;
  JsonNode *order;

  if (!pkio_json_depth_ok (text, length, PKIO_JSON_MAX_DEPTH) ||
      !json_parser_load_from_data (parser, text, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNREADABLE,
                           _("The record inside the file is not valid JSON."));
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (object, "version", 0) > PKIO_STORE_RECORD_VERSION)
    {
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NEWER_VERSION,
                           _("The file was written by a newer version of PKIo Order."));
      return NULL;
    }
  meta = json_object_get_member (object, "meta");
  order = json_object_get_member (object, "order");
  if (json_object_get_int_member_with_default (object, "version", 0) < 1 ||
      meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta) ||
      (order != NULL && !JSON_NODE_HOLDS_OBJECT (order)))
    {
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNREADABLE,
                           _("The record inside the file does not have the expected shape."));
      return NULL;
    }

  /* The parser's tree is this thread's alone and goes with the parser. */
  return record_new_shallow (id, meta, order);
}

static void
close_claim (gpointer data)
{
  int fd = GPOINTER_TO_INT (data) - 1;

  /* Closing drops the lock. */
  if (fd >= 0)
    close (fd);
}

static char *
kind_directory (PkioStore     *self,
                PkioStoreKind  kind)
{
  return g_build_filename (self->directory, pkio_store_kind_get_name (kind), NULL);
}

static char *
record_path (PkioStore     *self,
             PkioStoreKind  kind,
             const char    *id)
{
  g_autofree char *name = g_strconcat (id, FILE_SUFFIX, NULL);

  return g_build_filename (self->directory, pkio_store_kind_get_name (kind), name, NULL);
}

/* A failed write or removal, with what a person can do about it. */
static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("Could not save %s: the disk is full. Free some disk space and try again."),
                   path);
      return;

    case EROFS:
    case EACCES:
    case EPERM:
      g_set_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED,
                   /* Translators: the first %s is a file name, the second why, the third
                    * a folder */
                   _("Could not change %s: %s. Check the permissions of %s."),
                   path, g_strerror (saved_errno), folder);
      return;

    default:
      g_set_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED,
                   /* Translators: the first %s is a file name, the second why */
                   _("Could not change %s: %s"), path, g_strerror (saved_errno));
      return;
    }
}

/* Reads a store file: a regular file only, never through a link, never
 * waiting on a FIFO, and no larger than a record can be. What is not such a
 * file is PKIO_STORE_ERROR_UNREADABLE; a passing failure (permissions, the
 * disk, a file changing meanwhile) is a GFileError. */
static gboolean
read_store_file (const char  *path,
                 char       **contents,
                 gsize       *length,
                 GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize got = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, g_strerror (saved_errno));
      else if (saved_errno == ELOOP)
        g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNREADABLE,
                             _("It is a symbolic link, not a file PKIo Order wrote."));
      else
        g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                             g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNREADABLE,
                           _("It is not a regular file."));
      return FALSE;
    }
  if (st.st_size > MAX_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size (MAX_FILE_SIZE);

      close (fd);
      g_set_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNREADABLE,
                   /* Translators: %s is a size such as "1.0 MB" */
                   _("It is larger than %s, more than a record can be."), limit);
      return FALSE;
    }

  /* One byte more than the size, to see a file that grew meanwhile. */
  data = g_malloc (st.st_size + 2);
  while (got <= (gsize) st.st_size)
    {
      gssize n = read (fd, data + got, st.st_size + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      got += n;
    }
  close (fd);

  if (got > (gsize) st.st_size)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                           _("It changed while it was read."));
      return FALSE;
    }

  data[got] = '\0';
  *contents = g_steal_pointer (&data);
  *length = got;
  return TRUE;
}

/**
 * _pkio_store_fail_writes:
 * @saved_errno: what writes fail with (ENOSPC, EROFS…); 0 for none
 * @after: how many writes succeed first
 *
 * For tests: a full disk or a read-only folder, without either. A
 * process started with PKIO_STORE_TEST_FAIL_WRITES=ERRNO[@AFTER] does the
 * same in every store it makes, for command-line tests.
 */
void
_pkio_store_fail_writes (PkioStore *self,
                         int        saved_errno,
                         guint      after)
{
  g_return_if_fail (PKIO_IS_STORE (self));

  g_mutex_lock (&self->lock);
  self->fail_errno = saved_errno;
  self->fail_after = after;
  g_mutex_unlock (&self->lock);
}

/* Called with the lock held. */
static int
injected_write_errno (PkioStore *self)
{
  if (self->fail_errno == 0)
    return 0;
  if (self->fail_after > 0)
    {
      self->fail_after--;
      return 0;
    }

  return self->fail_errno;
}

static gboolean
write_file (PkioStore   *self,
            const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int saved_errno = injected_write_errno (self);

  if (saved_errno == 0 &&
      g_file_set_contents_full (path, data, len,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                0600, &local_error))
    return TRUE;

  /* GLib's error keeps no errno, only its own code: map back the ones a
   * person can act on. */
  if (saved_errno == 0)
    {
      switch (local_error->code)
        {
        case G_FILE_ERROR_NOSPC:
          saved_errno = ENOSPC;
          break;
        case G_FILE_ERROR_ROFS:
          saved_errno = EROFS;
          break;
        case G_FILE_ERROR_ACCES:
          saved_errno = EACCES;
          break;
        case G_FILE_ERROR_PERM:
          saved_errno = EPERM;
          break;
        default:
          g_set_error (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED,
                       _("Could not change %s: %s"), path, local_error->message);
          return FALSE;
        }
    }

  set_io_error (error, saved_errno, path);
  return FALSE;
}

/* Every write holds a shared lock on this file; a sweep of leftovers
 * takes it exclusively, without waiting, so it never removes the temporary
 * file of a write still going on in another process. Returns the locked
 * descriptor, or -1. */
static int
lock_writers (PkioStore *self,
              int        operation)
{
  g_autofree char *path = g_build_filename (self->directory, WRITERS_LOCK_NAME, NULL);
  int fd = g_open (path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);

  if (fd >= 0 && flock (fd, operation) != 0)
    {
      close (fd);
      return -1;
    }

  return fd;
}

static gboolean
save_locked (PkioStore              *self,
             PkioStoreKind           kind,
             const PkioStoreRecord  *record,
             GError                **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gsize len;
  const char *data;
  gboolean ok;
  int writers;

  if (self->key == NULL)
    {
      g_hash_table_replace (self->memory[kind], g_strdup (record->id),
                            pkio_store_record_copy (record));
      return TRUE;
    }

  json = record_to_json (record);
  sealed = _pkio_store_seal (self->key, json, strlen (json), error);
  /* The plaintext holds personal data: not left in freed memory. */
  pkio_wipe_string (json);
  if (sealed == NULL)
    return FALSE;

  dir = kind_directory (self, kind);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, dir);
      return FALSE;
    }

  /* A temporary file in the same folder, flushed to the disk, then renamed
   * over the old one: after a crash either file is whole. The shared lock
   * keeps another process's sweep off that temporary file meanwhile. */
  path = record_path (self, kind, record->id);
  data = g_bytes_get_data (sealed, &len);
  writers = lock_writers (self, LOCK_SH);
  ok = write_file (self, path, data, len, error);
  if (writers >= 0)
    close (writers);

  return ok;
}

/**
 * _pkio_store_save_sync:
 *
 * Blocking; for the crash-test writer, which does nothing else.
 */
gboolean
_pkio_store_save_sync (PkioStore              *self,
                       PkioStoreKind           kind,
                       const PkioStoreRecord  *record,
                       GError                **error)
{
  gboolean ret;

  g_mutex_lock (&self->lock);
  ret = save_locked (self, kind, record, error);
  g_mutex_unlock (&self->lock);

  return ret;
}

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Op;

static void
run_op (gpointer data,
        gpointer user_data)
{
  Op *op = data;
  g_autoptr(GTask) task = op->task;

  op->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
            g_task_get_cancellable (task));
  g_free (op);
}

/* Takes @task: runs @func with it on the store's worker thread, after
 * everything asked of the store before. */
static void
run_in_worker (PkioStore       *self,
               GTask           *task,
               GTaskThreadFunc  func)
{
  Op *op = g_new0 (Op, 1);

  op->task = task;
  op->func = func;
  g_thread_pool_push (self->worker, op, NULL);
}

static void
pkio_store_finalize (GObject *object)
{
  PkioStore *self = (PkioStore *) object;

  /* Nothing is queued: each operation holds a reference. This may run on
   * the worker itself, as its last operation lets go; the pool then ends
   * with that operation, without waiting for it here. */
  g_thread_pool_free (g_steal_pointer (&self->worker), FALSE, FALSE);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->key, g_bytes_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->memory); i++)
    g_clear_pointer (&self->memory[i], g_hash_table_unref);
  g_clear_pointer (&self->claims, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pkio_store_parent_class)->finalize (object);
}

static void
pkio_store_class_init (PkioStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_store_finalize;
}

static void
fail_writes_from_environment (PkioStore *self)
{
  const char *value = g_getenv ("PKIO_STORE_TEST_FAIL_WRITES");
  char *end = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  self->fail_errno = (int) g_ascii_strtoll (value, &end, 10);
  if (end != NULL && *end == '@')
    self->fail_after = (guint) g_ascii_strtoull (end + 1, NULL, 10);
}

static void
pkio_store_init (PkioStore *self)
{
  g_mutex_init (&self->lock);
  self->worker = g_thread_pool_new (run_op, NULL, 1, FALSE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->memory); i++)
    self->memory[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) pkio_store_record_free);
  self->claims = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_claim);

  fail_writes_from_environment (self);
}

/**
 * pkio_store_new:
 * @directory: (nullable): where the drafts, outbox and history folders go;
 *   %NULL for <user data dir>/<app id>
 *
 * The store does nothing until pkio_store_open_async() has fetched its key.
 */
PkioStore *
pkio_store_new (const char *directory)
{
  PkioStore *self = g_object_new (PKIO_TYPE_STORE, NULL);

  self->directory = directory ? g_strdup (directory)
                              : g_build_filename (g_get_user_data_dir (), APP_ID, NULL);

  return self;
}

/**
 * _pkio_store_new_with_key:
 * @key: (nullable): %PKIO_STORE_KEY_SIZE bytes, or %NULL for memory only
 *
 * An opened store that does not ask the keyring.
 */
PkioStore *
_pkio_store_new_with_key (const char *directory,
                          GBytes     *key)
{
  PkioStore *self = pkio_store_new (directory);

  g_return_val_if_fail (key == NULL || g_bytes_get_size (key) == PKIO_STORE_KEY_SIZE, NULL);

  self->key = key ? g_bytes_ref (key) : NULL;
  self->opened = TRUE;

  return self;
}

const char *
pkio_store_get_directory (PkioStore *self)
{
  g_return_val_if_fail (PKIO_IS_STORE (self), NULL);

  return self->directory;
}

/**
 * pkio_store_get_persistent:
 *
 * Returns: whether records reach the disk (there is a key)
 */
gboolean
pkio_store_get_persistent (PkioStore *self)
{
  g_return_val_if_fail (PKIO_IS_STORE (self), FALSE);

  return self->key != NULL;
}

gboolean
pkio_store_get_opened (PkioStore *self)
{
  g_return_val_if_fail (PKIO_IS_STORE (self), FALSE);

  return self->opened;
}

static void
open_key_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;

  key = pkio_secret_store_lookup_or_create_store_key_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->opened = TRUE;
  if (key == NULL)
    {
      /* Never plaintext instead: the app goes on, and says what is lost. */
      g_clear_pointer (&self->key, g_bytes_unref);
      g_task_return_new_error (task, PKIO_STORE_ERROR, PKIO_STORE_ERROR_IN_MEMORY,
                               _("Drafts, the outbox and history are kept in memory only and "
                                 "will be lost when PKIo Order quits: %s"),
                               error->message);
      return;
    }

  g_clear_pointer (&self->key, g_bytes_unref);
  self->key = g_steal_pointer (&key);
  g_task_return_boolean (task, TRUE);
}

/**
 * pkio_store_open_async:
 *
 * Fetches the key from the keyring, creating it the first time. When that
 * fails the store still opens, in memory, and finishing reports
 * %PKIO_STORE_ERROR_IN_MEMORY with the reason for people to read.
 */
void
pkio_store_open_async (PkioStore           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_store_open_async);

  if (self->opened && self->key != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  pkio_secret_store_lookup_or_create_store_key_async (cancellable, open_key_cb,
                                                      g_steal_pointer (&task));
}

gboolean
pkio_store_open_finish (PkioStore     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  PkioStoreKind     kind;
  char             *id;
  PkioStoreRecord  *record;
  PkioStoreMapFunc  map;        /* load: turns each record into the caller's item */
  GDestroyNotify    map_free;
} OpData;

static void
op_data_free (OpData *data)
{
  g_free (data->id);
  g_clear_pointer (&data->record, pkio_store_record_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpData, op_data_free)

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PkioStore *self = source_object;
  OpData *data = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  ok = save_locked (self, data->kind, data->record, &error);
  g_mutex_unlock (&self->lock);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static GTask *
new_op_task (PkioStore           *self,
             PkioStoreKind        kind,
             const char          *id,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = g_new0 (OpData, 1);

  g_task_set_source_tag (task, source_tag);
  data->kind = kind;
  data->id = g_strdup (id);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  /* A write that has begun finishes: cancelling it could leave the record
   * older than what the caller believes is on disk. */
  g_task_set_check_cancellable (task, FALSE);

  return task;
}

/**
 * pkio_store_save_async:
 *
 * Writes @record (copied now) on a worker thread. Saves of one record
 * finish in the order they were asked for: an older one never overwrites a
 * newer one.
 */
void
pkio_store_save_async (PkioStore             *self,
                       PkioStoreKind          kind,
                       const PkioStoreRecord *record,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data;

  g_return_if_fail (PKIO_IS_STORE (self));
  g_return_if_fail (self->opened);
  g_return_if_fail (record != NULL && id_is_valid (record->id));

  task = new_op_task (self, kind, record->id, pkio_store_save_async, cancellable,
                      callback, user_data);
  data = g_task_get_task_data (task);
  data->record = pkio_store_record_copy (record);
  run_in_worker (self, g_steal_pointer (&task), save_worker);
}

gboolean
pkio_store_save_finish (PkioStore     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PkioStore *self = source_object;
  OpData *data = task_data;
  g_autofree char *path = NULL;
  int saved_errno = 0;

  g_mutex_lock (&self->lock);
  if (self->key == NULL)
    {
      g_hash_table_remove (self->memory[data->kind], data->id);
    }
  else
    {
      g_autofree char *claim = NULL;

      path = record_path (self, data->kind, data->id);
      if (g_unlink (path) != 0 && errno != ENOENT)
        saved_errno = errno;
      /* Someone waiting on the old claim then finds no record. */
      claim = g_strconcat (path, ".claim", NULL);
      g_unlink (claim);
    }
  g_mutex_unlock (&self->lock);

  if (saved_errno != 0)
    {
      GError *error = NULL;

      set_io_error (&error, saved_errno, path);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * pkio_store_delete_async:
 *
 * Removes a record; one that is not there is not an error.
 */
void
pkio_store_delete_async (PkioStore           *self,
                         PkioStoreKind        kind,
                         const char          *id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_STORE (self));
  g_return_if_fail (self->opened);
  g_return_if_fail (id_is_valid (id));

  task = new_op_task (self, kind, id, pkio_store_delete_async, cancellable, callback, user_data);
  run_in_worker (self, g_steal_pointer (&task), delete_worker);
}

gboolean
pkio_store_delete_finish (PkioStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GPtrArray *records;    /* PkioStoreRecord */
  GPtrArray *problems;   /* char *, for people */
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

/* Moves an unreadable file out of the way under a name that is not loaded
 * again, never over another set-aside file. */
static char *
set_aside (const char  *path,
           GError     **error)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *target = i == 0 ? g_strconcat (path, UNREADABLE_SUFFIX, NULL)
                                       : g_strdup_printf ("%s%s.%u", path, UNREADABLE_SUFFIX, i);

      if (g_file_test (target, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, target) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "%s", g_strerror (saved_errno));
          return NULL;
        }

      return g_steal_pointer (&target);
    }

  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "too many set-aside files");
  return NULL;
}

/* Whether the store's key is the one its records were written with: a
 * small file sealed under that key says so. Without it (a store from
 * before it existed), a record that decrypts says so too, and the file is
 * written then. Only under the right key is a file that does not decrypt
 * damaged; under another key (a keyring that hands out another one for a
 * while) nothing is set aside. */
typedef enum
{
  KEY_UNKNOWN,
  KEY_RIGHT,
  KEY_OTHER,
} KeyCheck;

static KeyCheck
check_key (PkioStore *self)
{
  g_autofree char *path = g_build_filename (self->directory, KEY_CHECK_NAME, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return KEY_UNKNOWN;

  sealed = g_bytes_new_take (g_steal_pointer (&contents), len);
  plain = _pkio_store_unseal (self->key, sealed, &len, NULL);

  return plain != NULL && g_str_equal (plain, KEY_CHECK_TEXT) ? KEY_RIGHT : KEY_OTHER;
}

static void
write_key_check (PkioStore *self)
{
  g_autofree char *path = g_build_filename (self->directory, KEY_CHECK_NAME, NULL);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  sealed = _pkio_store_seal (self->key, KEY_CHECK_TEXT, strlen (KEY_CHECK_TEXT), &error);
  data = sealed ? g_bytes_get_data (sealed, &len) : NULL;
  if (data == NULL ||
      !g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    g_debug ("Could not write %s: %s", path, error->message);
}

/* Removes the temporary files of writes that a crash or a kill cut short,
 * when no write is going on in any process. */
static void
remove_leftovers (PkioStore  *self,
                  const char *dirname)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int writers;

  writers = lock_writers (self, LOCK_EX | LOCK_NB);
  if (writers < 0)
    return;

  dir = g_dir_open (dirname, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      const char *tail = strstr (name, FILE_SUFFIX ".");

      if (tail != NULL && strlen (tail) == strlen (FILE_SUFFIX ".") + TEMP_TAIL_LEN &&
          !g_str_has_suffix (name, CLAIM_SUFFIX))
        {
          g_autofree char *path = g_build_filename (dirname, name, NULL);

          if (g_unlink (path) != 0)
            g_debug ("Could not remove %s: %s", path, g_strerror (errno));
        }
    }

  close (writers);
}

static void
report_set_aside (LoadResult   *result,
                  const char   *path,
                  const GError *error)
{
  g_autoptr(GError) rename_error = NULL;
  g_autofree char *target = set_aside (path, &rename_error);
  const char *reason = error ? error->message : _("invalid name");

  if (target != NULL)
    g_ptr_array_add (result->problems,
                     g_strdup_printf (_("%s could not be read and was moved to %s: %s"),
                                      path, target, reason));
  else
    g_ptr_array_add (result->problems,
                     g_strdup_printf (_("%s could not be read (%s) nor moved aside (%s)"),
                                      path, reason, rename_error->message));
}

/* Reads one file. A file that does not decrypt is added to @undecryptable
 * for the caller to judge once the key is known to be right or not. */
static void
load_file (PkioStore  *self,
           const char *dir,
           const char *name,
           LoadResult *result,
           GPtrArray  *undecryptable)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (FILE_SUFFIX));
  g_autofree char *contents = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  PkioStoreRecord *record = NULL;
  gsize len = 0;

  if (!read_store_file (path, &contents, &len, &error))
    {
      /* Gone since the folder was listed: nothing to say. */
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return;

      /* Permissions, or the disk: nothing says the file is damaged. It
       * stays, and is read again next time. What is not a file PKIo Order
       * wrote (a link, a FIFO, an oversized file) is set aside below. */
      if (error->domain == G_FILE_ERROR)
        {
          g_ptr_array_add (result->problems,
                           g_strdup_printf (_("%s could not be read and will be tried again: %s"),
                                            path, error->message));
          return;
        }
    }
  else
    {
      sealed = g_bytes_new_take (g_steal_pointer (&contents), len);
      plain = _pkio_store_unseal (self->key, sealed, &len, &error);
      if (plain != NULL)
        {
          record = record_from_json (id, plain, len, &error);
          pkio_wipe (plain, len);
        }
    }

  if (record != NULL && id_is_valid (id))
    {
      g_ptr_array_add (result->records, record);
      return;
    }
  g_clear_pointer (&record, pkio_store_record_free);

  /* A newer version's file is someone else's to read: left where it is. */
  if (g_error_matches (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NEWER_VERSION))
    g_ptr_array_add (result->problems,
                     g_strdup_printf (_("%s was left alone: %s"), path, error->message));
  else if (g_error_matches (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNDECRYPTABLE))
    g_ptr_array_add (undecryptable, g_steal_pointer (&path));
  else
    report_set_aside (result, path, error);
}

static int
compare_records_by_id (gconstpointer a,
                       gconstpointer b)
{
  const PkioStoreRecord *ra = *(PkioStoreRecord * const *) a;
  const PkioStoreRecord *rb = *(PkioStoreRecord * const *) b;

  return strcmp (ra->id, rb->id);
}

/* Records on disk that an in-memory store cannot open: the keyring that
 * holds their key is locked or gone, and "empty" would be untrue. */
static void
count_sealed (PkioStore     *self,
              PkioStoreKind  kind,
              LoadResult    *result)
{
  g_autofree char *dirname = kind_directory (self, kind);
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, FILE_SUFFIX))
        n++;
    }
  if (n == 0)
    return;

  switch (kind)
    {
    case PKIO_STORE_KIND_OUTBOX:
      g_ptr_array_add (result->problems,
                       g_strdup_printf (ngettext ("%u queued order cannot be read until the "
                                                     "keyring is unlocked.",
                                                     "%u queued orders cannot be read until the "
                                                     "keyring is unlocked.", n), n));
      break;
    case PKIO_STORE_KIND_DRAFTS:
      g_ptr_array_add (result->problems,
                       g_strdup_printf (ngettext ("%u draft cannot be read until the keyring "
                                                     "is unlocked.",
                                                     "%u drafts cannot be read until the keyring "
                                                     "is unlocked.", n), n));
      break;
    case PKIO_STORE_KIND_HISTORY:
    default:
      g_ptr_array_add (result->problems,
                       g_strdup_printf (ngettext ("%u order in the history cannot be read "
                                                     "until the keyring is unlocked.",
                                                     "%u orders in the history cannot be read "
                                                     "until the keyring is unlocked.", n), n));
      break;
    }
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PkioStore *self = source_object;
  OpData *data = task_data;
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autofree char *dirname = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  result->records = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_store_record_free);
  result->problems = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->lock);
  if (self->key == NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->memory[data->kind]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (result->records, pkio_store_record_copy (value));
      count_sealed (self, data->kind, result);
    }
  else
    {
      g_autoptr(GPtrArray) undecryptable = g_ptr_array_new_with_free_func (g_free);
      KeyCheck key_check = check_key (self);

      dirname = kind_directory (self, data->kind);
      remove_leftovers (self, dirname);
      dir = g_dir_open (dirname, 0, &error);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (g_str_has_suffix (name, FILE_SUFFIX))
            load_file (self, dirname, name, result, undecryptable);
        }

      if (key_check == KEY_UNKNOWN && result->records->len > 0)
        {
          write_key_check (self);
          key_check = KEY_RIGHT;
        }
      for (guint i = 0; i < undecryptable->len; i++)
        {
          const char *path = g_ptr_array_index (undecryptable, i);

          if (key_check == KEY_RIGHT)
            {
              g_autoptr(GError) damaged = NULL;

              g_set_error_literal (&damaged, PKIO_STORE_ERROR, PKIO_STORE_ERROR_UNDECRYPTABLE,
                                   _("The file is damaged."));
              report_set_aside (result, path, damaged);
            }
          else
            g_ptr_array_add (result->problems,
                             g_strdup_printf (_("%s could not be decrypted with the key in the "
                                                "keyring; it is kept and will be tried again"),
                                              path));
        }
    }

  g_ptr_array_sort (result->records, compare_records_by_id);

  /* Here rather than on the caller's main loop, where thousands of records
   * would hold it for a noticeable time; and under the lock, so that loads
   * of two kinds take one core between them, not both, next to the main
   * thread. */
  if (data->map != NULL)
    {
      g_autoptr(GPtrArray) records = g_steal_pointer (&result->records);

      result->records = g_ptr_array_new_full (records->len, data->map_free);
      for (guint i = 0; i < records->len; i++)
        g_ptr_array_add (result->records, data->map (g_ptr_array_index (records, i)));
    }
  g_mutex_unlock (&self->lock);

  if (error != NULL && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      load_result_free (result);
      g_task_return_new_error (task, PKIO_STORE_ERROR, PKIO_STORE_ERROR_FAILED,
                               _("Could not read the folder %s: %s"), dirname, error->message);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      load_result_free (result);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/**
 * pkio_store_load_all_async:
 *
 * Reads every record of @kind on a worker thread, after removing the
 * temporary files of interrupted writes. A damaged file is renamed to
 * *.unreadable and reported in the problems; it is never deleted. A file
 * that cannot be read now (permissions) or that does not decrypt under a
 * key other than the records' own is reported and left for the next load.
 */
void
pkio_store_load_all_async (PkioStore           *self,
                           PkioStoreKind        kind,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_STORE (self));
  g_return_if_fail (self->opened);

  task = new_op_task (self, kind, NULL, pkio_store_load_all_async, cancellable,
                      callback, user_data);
  g_task_set_check_cancellable (task, TRUE);
  run_in_worker (self, g_steal_pointer (&task), load_worker);
}

/**
 * pkio_store_load_all_mapped_async:
 * @map: called on the worker thread for each record, in id order; it may
 *   take what it wants out of the record, which is freed after
 * @map_free: frees what @map returns
 *
 * Like pkio_store_load_all_async(), but the records arrive already turned
 * into the caller's own items, so that turning thousands of them does not
 * hold the caller's main loop. @map must be safe to call from another
 * thread: it sees only the record.
 */
void
pkio_store_load_all_mapped_async (PkioStore           *self,
                                  PkioStoreKind        kind,
                                  PkioStoreMapFunc     map,
                                  GDestroyNotify       map_free,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data;

  g_return_if_fail (PKIO_IS_STORE (self));
  g_return_if_fail (self->opened);
  g_return_if_fail (map != NULL && map_free != NULL);

  task = new_op_task (self, kind, NULL, pkio_store_load_all_mapped_async, cancellable,
                      callback, user_data);
  data = g_task_get_task_data (task);
  data->map = map;
  data->map_free = map_free;
  g_task_set_check_cancellable (task, TRUE);
  run_in_worker (self, g_steal_pointer (&task), load_worker);
}

/**
 * pkio_store_load_all_finish:
 * @problems: (out) (optional) (transfer full): messages about files that
 *   were set aside or left alone
 *
 * Returns: (transfer full) (element-type PkioStoreRecord): the records,
 *   sorted by id
 */
GPtrArray *
pkio_store_load_all_finish (PkioStore     *self,
                            GAsyncResult  *result,
                            GPtrArray    **problems,
                            GError       **error)
{
  LoadResult *loaded;
  GPtrArray *records;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pkio_store_load_all_async ||
                        g_task_get_source_tag (G_TASK (result)) == pkio_store_load_all_mapped_async,
                        NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  for (guint i = 0; i < loaded->problems->len; i++)
    g_message ("%s", (const char *) g_ptr_array_index (loaded->problems, i));

  records = g_steal_pointer (&loaded->records);
  if (problems != NULL)
    *problems = g_steal_pointer (&loaded->problems);
  load_result_free (loaded);

  return records;
}

/**
 * pkio_store_load_all_mapped_finish:
 *
 * Returns: (transfer full): what @map made of the records, sorted by
 *   record id
 */
GPtrArray *
pkio_store_load_all_mapped_finish (PkioStore     *self,
                                   GAsyncResult  *result,
                                   GPtrArray    **problems,
                                   GError       **error)
{
  return pkio_store_load_all_finish (self, result, problems, error);
}

/* Claims: the outbox's guard against two processes (the window and a
 * scheduled `outbox flush`) sending the same order. A claim is an flock()
 * on a file beside the record, held until released; the kernel drops it
 * if the process dies, so a crash leaves no stale claim. Whoever holds it
 * reads the record again from the disk before changing it. */

static char *
claim_path (PkioStore     *self,
            PkioStoreKind  kind,
            const char    *id)
{
  g_autofree char *record = record_path (self, kind, id);

  return g_strconcat (record, CLAIM_SUFFIX, NULL);
}

static gboolean
take_claim (PkioStore     *self,
            PkioStoreKind  kind,
            const char    *id,
            GError       **error)
{
  g_autofree char *key = g_strdup_printf ("%d/%s", kind, id);
  g_autofree char *dir = NULL;
  g_autofree char *claim = NULL;
  int fd;

  if (g_hash_table_contains (self->claims, key))
    {
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_BUSY,
                           _("This order is being sent already."));
      return FALSE;
    }

  if (self->key == NULL)
    {
      g_hash_table_insert (self->claims, g_steal_pointer (&key), GINT_TO_POINTER (0));
      return TRUE;
    }

  dir = kind_directory (self, kind);
  g_mkdir_with_parents (dir, 0700);
  claim = claim_path (self, kind, id);
  fd = g_open (claim, O_CREAT | O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, claim);
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error_literal (error, PKIO_STORE_ERROR, PKIO_STORE_ERROR_BUSY,
                           _("Another PKIo Order is sending this order."));
      return FALSE;
    }

  g_hash_table_insert (self->claims, g_steal_pointer (&key), GINT_TO_POINTER (fd + 1));
  return TRUE;
}

static void
drop_claim (PkioStore     *self,
            PkioStoreKind  kind,
            const char    *id)
{
  g_autofree char *key = g_strdup_printf ("%d/%s", kind, id);

  g_hash_table_remove (self->claims, key);
}

static void
claim_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PkioStore *self = source_object;
  OpData *data = task_data;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  PkioStoreRecord *record = NULL;
  gsize len = 0;

  g_mutex_lock (&self->lock);

  if (!take_claim (self, data->kind, data->id, &error))
    {
      g_mutex_unlock (&self->lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Under the claim, the file is the truth: another process may have sent
   * the order since this one read it. */
  if (self->key == NULL)
    {
      PkioStoreRecord *found = g_hash_table_lookup (self->memory[data->kind], data->id);

      record = found ? pkio_store_record_copy (found) : NULL;
    }
  else
    {
      path = record_path (self, data->kind, data->id);
      if (read_store_file (path, &contents, &len, &error))
        {
          sealed = g_bytes_new_take (g_steal_pointer (&contents), len);
          plain = _pkio_store_unseal (self->key, sealed, &len, &error);
          if (plain != NULL)
            {
              record = record_from_json (data->id, plain, len, &error);
              pkio_wipe (plain, len);
            }
        }
    }
  if (record == NULL)
    drop_claim (self, data->kind, data->id);
  g_mutex_unlock (&self->lock);

  if (record != NULL)
    g_task_return_pointer (task, record, (GDestroyNotify) pkio_store_record_free);
  else if (error == NULL || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_task_return_new_error (task, PKIO_STORE_ERROR, PKIO_STORE_ERROR_NOT_FOUND,
                             _("This order is not in the outbox any more."));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * pkio_store_claim_async:
 *
 * Claims a record for a change that must happen once across processes,
 * and reads it again from the disk. Fails with %PKIO_STORE_ERROR_BUSY if
 * another holds the claim, %PKIO_STORE_ERROR_NOT_FOUND if the record is
 * gone. Release it with pkio_store_release_async().
 */
void
pkio_store_claim_async (PkioStore           *self,
                        PkioStoreKind        kind,
                        const char          *id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_STORE (self));
  g_return_if_fail (self->opened);
  g_return_if_fail (id_is_valid (id));

  task = new_op_task (self, kind, id, pkio_store_claim_async, cancellable, callback, user_data);
  run_in_worker (self, g_steal_pointer (&task), claim_worker);
}

/**
 * pkio_store_claim_finish:
 *
 * Returns: (transfer full): the record as it is on disk now
 */
PkioStoreRecord *
pkio_store_claim_finish (PkioStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
release_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PkioStore *self = source_object;
  OpData *data = task_data;

  g_mutex_lock (&self->lock);
  drop_claim (self, data->kind, data->id);
  g_mutex_unlock (&self->lock);

  g_task_return_boolean (task, TRUE);
}

void
pkio_store_release_async (PkioStore           *self,
                          PkioStoreKind        kind,
                          const char          *id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_STORE (self));
  g_return_if_fail (id_is_valid (id));

  task = new_op_task (self, kind, id, pkio_store_release_async, cancellable, callback, user_data);
  run_in_worker (self, g_steal_pointer (&task), release_worker);
}

gboolean
pkio_store_release_finish (PkioStore     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
