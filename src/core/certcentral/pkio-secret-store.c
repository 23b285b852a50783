/* pkio-secret-store.c
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
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <string.h>

#include "pkio-secret-store-private.h"
#include "pkio-wipe.h"

#define KIND_API_KEY   "api-key"
#define KIND_STORE_KEY "store-key"

G_DEFINE_QUARK (pkio-secret-store-error-quark, pkio_secret_store_error)

const SecretSchema *
pkio_secret_store_get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* libsecret reports D-Bus and protocol errors as they come; people need to
 * know whether to unlock something or that there is no keyring at all.
 * The original message goes to the debug log: it never holds the secret. */
GError *
_pkio_secret_store_map_error (const GError *error)
{
  g_autofree char *remote = NULL;

  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Keyring error: %s (%s, %d)",
           error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED))
    return g_error_new_literal (PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_LOCKED,
                                _("The keyring is locked. Unlock it and try again."));

  remote = g_dbus_error_get_remote_error (error);
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_strcmp0 (remote, "org.freedesktop.DBus.Error.ServiceUnknown") == 0)
    return g_error_new_literal (PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_UNAVAILABLE,
                                _("No keyring is available, so the API key cannot be kept. "
                                  "Start the desktop’s keyring service (for example GNOME "
                                  "Keyring) and try again."));

  return g_error_new_literal (PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_FAILED,
                              _("The keyring could not be used. Details are in the log."));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, _pkio_secret_store_map_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pkio_secret_store_save_api_key_async:
 * @base_url: the CertCentral base URL the key is for
 * @api_key: the key; it is not kept
 *
 * Stores @api_key in the default collection, replacing any key stored for
 * @base_url before.
 */
void
pkio_secret_store_save_api_key_async (const char          *base_url,
                                      const char          *api_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL && api_key[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_secret_store_save_api_key_async);

  /* The label is what people see in Passwords and Keys. */
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  label = g_strdup_printf (_("PKIo Order API key for %s"),
                           uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : base_url);

  secret_password_store (pkio_secret_store_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         api_key, cancellable, save_cb, g_steal_pointer (&task),
                         "kind", KIND_API_KEY,
                         "base-url", base_url,
                         NULL);
}

gboolean
pkio_secret_store_save_api_key_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
locked_search_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;
  gboolean locked = FALSE;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  for (GList *l = items; l != NULL; l = l->next)
    locked |= secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);

  if (locked)
    g_task_return_new_error (task, PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_LOCKED,
                             _("The keyring is locked, so the API key cannot be read. Unlock "
                               "it and try again."));
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
locked_service_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GCancellable *cancellable;

  service = secret_service_get_finish (result, NULL);
  if (service == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  attributes = secret_attributes_build (pkio_secret_store_get_schema (),
                                        "kind", KIND_API_KEY,
                                        "base-url", g_task_get_task_data (task),
                                        NULL);
  /* SECRET_SEARCH_ALL without UNLOCK: looks, never prompts. */
  cancellable = g_task_get_cancellable (task);
  secret_service_search (service, pkio_secret_store_get_schema (), attributes,
                         SECRET_SEARCH_ALL, cancellable, locked_search_cb,
                         g_steal_pointer (&task));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  char *api_key;

  /* Non-pageable memory, so the key is never written to swap. */
  api_key = secret_password_lookup_nonpageable_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, _pkio_secret_store_map_error (error));
      return;
    }
  if (api_key != NULL)
    {
      g_task_return_pointer (task, api_key, (GDestroyNotify) secret_password_free);
      return;
    }

  /* libsecret answers "nothing" when the only match is in a locked
   * keyring it could not get unlocked: that is not "no key stored". */
  cancellable = g_task_get_cancellable (task);
  secret_service_get (SECRET_SERVICE_NONE, cancellable, locked_service_cb,
                      g_steal_pointer (&task));
}

/**
 * pkio_secret_store_lookup_api_key_async:
 * @base_url: the CertCentral base URL the key is for
 *
 * Looks up the key stored for @base_url; finishing returns %NULL without an
 * error when there is none.
 */
void
pkio_secret_store_lookup_api_key_async (const char          *base_url,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_secret_store_lookup_api_key_async);

  g_task_set_task_data (task, g_strdup (base_url), g_free);
  secret_password_lookup (pkio_secret_store_get_schema (), cancellable, lookup_cb,
                          g_steal_pointer (&task),
                          "kind", KIND_API_KEY,
                          "base-url", base_url,
                          NULL);
}

/**
 * pkio_secret_store_lookup_api_key_finish:
 *
 * Returns: (transfer full) (nullable): the key, to be freed with
 *   pkio_api_key_free(), or %NULL if none is stored or on error
 */
char *
pkio_secret_store_lookup_api_key_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, _pkio_secret_store_map_error (error));
  else
    g_task_return_int (task, removed);
}

void
pkio_secret_store_clear_api_key_async (const char          *base_url,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_secret_store_clear_api_key_async);

  secret_password_clear (pkio_secret_store_get_schema (), cancellable, clear_cb,
                         g_steal_pointer (&task),
                         "kind", KIND_API_KEY,
                         "base-url", base_url,
                         NULL);
}

/**
 * pkio_secret_store_clear_api_key_finish:
 * @removed: (out) (optional): whether a key was there to remove
 *
 * Returns: %FALSE on error
 */
gboolean
pkio_secret_store_clear_api_key_finish (GAsyncResult  *result,
                                        gboolean      *removed,
                                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize ret;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  ret = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (removed)
    *removed = ret != 0;

  return TRUE;
}

/**
 * pkio_api_key_free:
 *
 * Wipes and frees a key returned by the lookup.
 */
void
pkio_api_key_free (char *api_key)
{
  if (api_key != NULL)
    secret_password_free (api_key);
}

/* The store key. Each step is a task of its own so that a failure at any
 * point is reported once, mapped like the API key's. */

static void
store_key_wipe_free (gpointer data)
{
  pkio_wipe (data, PKIO_STORE_KEY_SIZE);
  g_free (data);
}

/* Decodes the keyring's text; %NULL if it is not a key of the right size. */
static GBytes *
store_key_decode (const char *text)
{
  guchar *raw;
  gsize len = 0;

  raw = g_base64_decode (text, &len);
  if (len != PKIO_STORE_KEY_SIZE)
    {
      if (raw != NULL)
        pkio_wipe (raw, len);
      g_free (raw);
      return NULL;
    }

  return g_bytes_new_with_free_func (raw, len, store_key_wipe_free, raw);
}

static void store_key_lookup_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data);

static void
store_key_lookup (GTask *task)
{
  secret_password_lookup (pkio_secret_store_get_schema (), g_task_get_cancellable (task),
                          store_key_lookup_cb, task,
                          "kind", KIND_STORE_KEY,
                          NULL);
}

static void
store_key_store_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, _pkio_secret_store_map_error (error));
      return;
    }

  /* Read it back rather than use the bytes made here: if another process
   * (the window and a scheduled `outbox flush`) created one at the same
   * moment, both end up with the one the keyring kept. */
  g_task_set_task_data (task, GINT_TO_POINTER (1), NULL);
  store_key_lookup (g_steal_pointer (&task));
}

static void
store_key_lookup_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  guchar raw[PKIO_STORE_KEY_SIZE];
  g_autofree char *text = NULL;
  GCancellable *cancellable;
  char *found;
  int rc;

  found = secret_password_lookup_nonpageable_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, _pkio_secret_store_map_error (error));
      return;
    }

  if (found != NULL)
    {
      key = store_key_decode (found);
      secret_password_free (found);

      /* A damaged key is not replaced: the files it encrypted would be lost
       * for good, and someone may still be able to repair the item. */
      if (key == NULL)
        g_task_return_new_error (task, PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_FAILED,
                                 _("The key for drafts in the keyring is damaged."));
      else
        g_task_return_pointer (task, g_steal_pointer (&key), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (g_task_get_task_data (task) != NULL)
    {
      g_task_return_new_error (task, PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_FAILED,
                               _("The keyring did not keep the key for drafts."));
      return;
    }

  rc = gnutls_rnd (GNUTLS_RND_KEY, raw, sizeof raw);
  if (rc < 0)
    {
      g_task_return_new_error (task, PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_FAILED,
                               _("No random key could be made: %s"), gnutls_strerror (rc));
      return;
    }
  text = g_base64_encode (raw, sizeof raw);
  pkio_wipe (raw, sizeof raw);

  /* The arguments' order of evaluation is unspecified: no stealing in the
   * same call that reads the task. */
  cancellable = g_task_get_cancellable (task);
  secret_password_store (pkio_secret_store_get_schema (), SECRET_COLLECTION_DEFAULT,
                         _("PKIo Order key for drafts, outbox and history"),
                         text, cancellable, store_key_store_cb,
                         g_steal_pointer (&task),
                         "kind", KIND_STORE_KEY,
                         NULL);
  pkio_wipe_string (text);
}

/**
 * pkio_secret_store_lookup_or_create_store_key_async:
 *
 * Finds the key that encrypts the files of drafts, the outbox and history,
 * making and storing one the first time. It never leaves the keyring
 * except into memory.
 */
void
pkio_secret_store_lookup_or_create_store_key_async (GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_secret_store_lookup_or_create_store_key_async);
  store_key_lookup (g_steal_pointer (&task));
}

/**
 * pkio_secret_store_lookup_or_create_store_key_finish:
 *
 * Returns: (transfer full): the %PKIO_STORE_KEY_SIZE bytes of the key,
 *   wiped when freed; %NULL on error
 */
GBytes *
pkio_secret_store_lookup_or_create_store_key_finish (GAsyncResult  *result,
                                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
