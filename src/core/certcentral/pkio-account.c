/* pkio-account.c
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

#include "pkio-account.h"
#include "pkio-client-private.h"
#include "pkio-secret-store.h"
#include "pkio-simulator.h"

/* One CertCentral account as the app uses it: an API address, its key, and
 * the one client for them, so that every submission, the outbox and the
 * status poller draw on one client and one rate budget. Practice mode is
 * the account's too: it swaps in a client of the simulator, and the real
 * client is kept for when practice ends. */
struct _PkioAccount
{
  GObject       parent_instance;

  char         *base_url;
  PkioClient   *client;            /* CertCentral's, for base_url */
  PkioClient   *practice_client;   /* the simulator's, while practising */
  PkioSettings *settings;          /* (nullable) the address follows it */
  GCancellable *lookup;            /* the keyring lookup after an address change */
  guint         key_generation;    /* bumped by a key saved or removed, an address changed */
};

G_DEFINE_FINAL_TYPE (PkioAccount, pkio_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_PRACTICE,
  PROP_HAS_API_KEY,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (PkioAccount *self,
              gboolean     had_key,
              PkioClient  *had_client)
{
  if (had_key != pkio_account_get_has_api_key (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_API_KEY]);
  if (had_client != pkio_account_get_client (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
address_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PkioAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_account_load_api_key_finish (self, result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No API key for the new address: %s", error->message);
}

static void
settings_base_url_cb (PkioAccount *self)
{
  g_autofree char *base_url = pkio_settings_dup_api_base_url (self->settings);

  pkio_account_set_base_url (self, base_url);
}

static void
pkio_account_dispose (GObject *object)
{
  PkioAccount *self = (PkioAccount *)object;

  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pkio_account_parent_class)->dispose (object);
}

static void
pkio_account_finalize (GObject *object)
{
  PkioAccount *self = (PkioAccount *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->practice_client);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (pkio_account_parent_class)->finalize (object);
}

static void
pkio_account_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PkioAccount *self = PKIO_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_PRACTICE:
      g_value_set_boolean (value, pkio_account_get_practice (self));
      break;

    case PROP_HAS_API_KEY:
      g_value_set_boolean (value, pkio_account_get_has_api_key (self));
      break;

    case PROP_CLIENT:
      g_value_set_object (value, pkio_account_get_client (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_account_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PkioAccount *self = PKIO_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      pkio_account_set_base_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_account_class_init (PkioAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_account_dispose;
  object_class->finalize = pkio_account_finalize;
  object_class->get_property = pkio_account_get_property;
  object_class->set_property = pkio_account_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRACTICE] =
    g_param_spec_boolean ("practice", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_API_KEY] =
    g_param_spec_boolean ("has-api-key", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PKIO_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PkioAccount::changed:
   *
   * The address, the key or the mode changed: whoever sends takes
   * pkio_account_get_client() again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pkio_account_init (PkioAccount *self)
{
}

/**
 * pkio_account_new:
 * @base_url: the CertCentral API address
 *
 * Returns: (transfer full): an account for @base_url, without a key until
 *   one is loaded or set
 */
PkioAccount *
pkio_account_new (const char *base_url)
{
  PkioAccount *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (PKIO_TYPE_ACCOUNT, NULL);
  self->base_url = g_strdup (base_url);
  self->client = pkio_client_new (base_url);

  return self;
}

/**
 * pkio_account_new_for_client:
 * @client: the client to use for its address
 *
 * For a client set up beforehand (a test's TLS database or deadline, a
 * benchmark's rate limiter): the account uses it until the address changes.
 *
 * Returns: (transfer full): an account for @client's address and key
 */
PkioAccount *
pkio_account_new_for_client (PkioClient *client)
{
  PkioAccount *self;

  g_return_val_if_fail (PKIO_IS_CLIENT (client), NULL);

  self = g_object_new (PKIO_TYPE_ACCOUNT, NULL);
  self->base_url = g_strdup (pkio_client_get_base_url (client));
  self->client = g_object_ref (client);

  return self;
}

/**
 * pkio_account_new_for_settings:
 *
 * The account of the address in @settings; it follows the address as it
 * changes (Preferences, --api-base-url), and looks up the key for each new
 * one. The first key is loaded with pkio_account_load_api_key_async().
 *
 * Returns: (transfer full): a new account
 */
PkioAccount *
pkio_account_new_for_settings (PkioSettings *settings)
{
  g_autofree char *base_url = NULL;
  PkioAccount *self;

  g_return_val_if_fail (PKIO_IS_SETTINGS (settings), NULL);

  base_url = pkio_settings_dup_api_base_url (settings);
  self = pkio_account_new (base_url);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "notify::api-base-url", G_CALLBACK (settings_base_url_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

const char *
pkio_account_get_base_url (PkioAccount *self)
{
  g_return_val_if_fail (PKIO_IS_ACCOUNT (self), NULL);

  return self->base_url;
}

/**
 * pkio_account_set_base_url:
 *
 * Keys are per address: a new address gets a new client, without the old
 * key, and the keyring is asked for the key of the new one.
 */
void
pkio_account_set_base_url (PkioAccount *self,
                           const char  *base_url)
{
  gboolean had_key;
  g_autoptr(PkioClient) had_client = NULL;

  g_return_if_fail (PKIO_IS_ACCOUNT (self));
  g_return_if_fail (base_url != NULL);

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  had_key = pkio_account_get_has_api_key (self);
  /* Kept for the comparison in emit_changed(): a new client could be
   * made at the old one's address. */
  had_client = g_object_ref (pkio_account_get_client (self));

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  self->key_generation++;
  g_clear_object (&self->client);
  self->client = pkio_client_new (base_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  emit_changed (self, had_key, had_client);

  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  self->lookup = g_cancellable_new ();
  pkio_account_load_api_key_async (self, self->lookup, address_lookup_cb, g_object_ref (self));
}

/**
 * pkio_account_get_practice:
 *
 * Returns: whether orders go to the practice simulator
 */
gboolean
pkio_account_get_practice (PkioAccount *self)
{
  g_return_val_if_fail (PKIO_IS_ACCOUNT (self), FALSE);

  return self->practice_client != NULL;
}

/**
 * pkio_account_set_practice:
 * @simulator_url: (nullable): the simulator's address; %NULL ends practice
 *
 * In practice the client is the simulator's, with its own key from memory;
 * nothing about practice reaches the keyring, and CertCentral's client is
 * kept as it was for when practice ends.
 */
void
pkio_account_set_practice (PkioAccount *self,
                           const char  *simulator_url)
{
  gboolean had_key;
  gboolean had_practice;
  g_autoptr(PkioClient) had_client = NULL;

  g_return_if_fail (PKIO_IS_ACCOUNT (self));

  if (self->practice_client != NULL &&
      g_strcmp0 (pkio_client_get_base_url (self->practice_client), simulator_url) == 0)
    return;
  if (self->practice_client == NULL && simulator_url == NULL)
    return;

  had_key = pkio_account_get_has_api_key (self);
  had_practice = pkio_account_get_practice (self);
  had_client = g_object_ref (pkio_account_get_client (self));

  g_clear_object (&self->practice_client);
  if (simulator_url != NULL)
    {
      self->practice_client = pkio_client_new (simulator_url);
      pkio_client_set_api_key (self->practice_client, PKIO_SIMULATOR_API_KEY);
      pkio_client_set_practice (self->practice_client, TRUE);
    }

  if (had_practice != pkio_account_get_practice (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE]);
  emit_changed (self, had_key, had_client);
}

/**
 * pkio_account_get_has_api_key:
 *
 * Returns: whether orders can go out: a key is known, or practising
 */
gboolean
pkio_account_get_has_api_key (PkioAccount *self)
{
  g_return_val_if_fail (PKIO_IS_ACCOUNT (self), FALSE);

  return pkio_client_has_api_key (pkio_account_get_client (self));
}

/**
 * pkio_account_set_api_key:
 * @api_key: (nullable): the key of the account's address; %NULL forgets it
 *
 * Kept in memory only, in the client (which wipes it). To store it, use
 * pkio_account_save_api_key_async().
 */
void
pkio_account_set_api_key (PkioAccount *self,
                          const char  *api_key)
{
  gboolean had_key;

  g_return_if_fail (PKIO_IS_ACCOUNT (self));

  if (_pkio_client_api_key_equals (self->client, api_key))
    return;

  had_key = pkio_account_get_has_api_key (self);
  pkio_client_set_api_key (self->client, api_key);
  emit_changed (self, had_key, pkio_account_get_client (self));
}

/**
 * pkio_account_get_client:
 *
 * Returns: (transfer none): the one client of the account's address and
 *   key, or of the simulator in practice; it changes with the address and
 *   the mode (#PkioAccount:client)
 */
PkioClient *
pkio_account_get_client (PkioAccount *self)
{
  g_return_val_if_fail (PKIO_IS_ACCOUNT (self), NULL);

  return self->practice_client != NULL ? self->practice_client : self->client;
}

typedef struct
{
  char  *base_url;
  guint  generation;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_free (data->base_url);
  g_free (data);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioAccount *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(PkioApiKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = pkio_secret_store_lookup_api_key_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The address changed meanwhile, or a key was saved or removed since
   * the keyring was read: what was read is not news. */
  if (data->generation == self->key_generation && g_strcmp0 (data->base_url, self->base_url) == 0)
    /* A key removed elsewhere (another process, secret-tool) is
     * forgotten here too; the same key again changes nothing. */
    pkio_account_set_api_key (self, key);

  g_task_return_boolean (task, key != NULL);
}

/**
 * pkio_account_load_api_key_async:
 *
 * Reads the key of the account's address from the keyring, again each
 * time: another PkioOrder or `set-api-key` may have stored one. In
 * practice there is nothing to read.
 */
void
pkio_account_load_api_key_async (PkioAccount         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupData *data;

  g_return_if_fail (PKIO_IS_ACCOUNT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_account_load_api_key_async);

  if (pkio_account_get_practice (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (LookupData, 1);
  data->base_url = g_strdup (self->base_url);
  data->generation = self->key_generation;
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);
  pkio_secret_store_lookup_api_key_async (self->base_url, cancellable, lookup_cb,
                                          g_steal_pointer (&task));
}

/**
 * pkio_account_load_api_key_finish:
 *
 * Returns: whether orders can go out now (a key, or practice); %FALSE
 *   without an error when no key is stored
 */
gboolean
pkio_account_load_api_key_finish (PkioAccount   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *base_url;
  char *api_key;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->base_url);
  if (data->api_key != NULL)
    pkio_api_key_free (g_steal_pointer (&data->api_key));
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioAccount *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_secret_store_save_api_key_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_strcmp0 (data->base_url, self->base_url) == 0)
    {
      self->key_generation++;
      pkio_account_set_api_key (self, data->api_key);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * pkio_account_save_api_key_async:
 * @api_key: the key of the account's address; stored in the keyring and,
 *   once stored, used by the account's client
 */
void
pkio_account_save_api_key_async (PkioAccount         *self,
                                 const char          *api_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SaveData) data = NULL;

  g_return_if_fail (PKIO_IS_ACCOUNT (self));
  g_return_if_fail (api_key != NULL && api_key[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_account_save_api_key_async);

  if (pkio_account_get_practice (self))
    {
      g_task_return_new_error (task, PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_FAILED,
                               "%s", _("Practice mode needs no API key: leave practice mode to "
                                       "store one."));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->base_url = g_strdup (self->base_url);
  data->api_key = g_strdup (api_key);
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) save_data_free);
  pkio_secret_store_save_api_key_async (self->base_url, api_key, cancellable, save_cb,
                                        g_steal_pointer (&task));
}

gboolean
pkio_account_save_api_key_finish (PkioAccount   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioAccount *self = g_task_get_source_object (task);
  const char *base_url = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_secret_store_clear_api_key_finish (result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_strcmp0 (base_url, self->base_url) == 0)
    {
      self->key_generation++;
      pkio_account_set_api_key (self, NULL);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * pkio_account_clear_api_key_async:
 *
 * Removes the key of the account's address from the keyring and from the
 * client.
 */
void
pkio_account_clear_api_key_async (PkioAccount         *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_ACCOUNT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_account_clear_api_key_async);
  g_task_set_task_data (task, g_strdup (self->base_url), g_free);
  pkio_secret_store_clear_api_key_async (self->base_url, cancellable, clear_cb,
                                         g_steal_pointer (&task));
}

gboolean
pkio_account_clear_api_key_finish (PkioAccount   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
