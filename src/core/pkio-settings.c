/* pkio-settings.c
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

#include "pkio-country.h"
#include "pkio-settings.h"

/* A plain GObject over the application's GSettings, after KGX's KgxSettings:
 * widgets bind to its properties and tests run it on the memory backend,
 * with no GTK involved. */

struct _PkioSettings
{
  GObject    parent_instance;

  char      *schema_id;
  GSettings *settings;

  /* --api-base-url: for this run only, never written to GSettings. */
  char      *api_base_url_override;
  /* --practice: likewise */
  guint      practice_override : 1;
};

enum {
  PROP_0,
  PROP_SCHEMA_ID,
  PROP_API_BASE_URL,
  PROP_AUTO_SAVE_DELAY,
  PROP_PRACTICE_MODE,
  PROP_IDLE_CLEAR_MINUTES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PkioSettings, pkio_settings, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static int
clamp_to_key_range (GSettings  *settings,
                    const char *key,
                    int         value)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *kind;
  int min, max;

  /* GSettings refuses an out-of-range write with a critical; a window can
   * be smaller than the schema's floor, so clamp instead. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  if (g_strcmp0 (kind, "range") != 0)
    return value;

  g_variant_get (limits, "(ii)", &min, &max);
  return CLAMP (value, min, max);
}

static void
settings_changed_cb (PkioSettings *self,
                     const char   *key)
{
  /* Every write, ours or another process's through dconf, arrives here:
   * this is the one place that turns them into notifications. */
  if (g_str_equal (key, "api-base-url") && self->api_base_url_override == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_BASE_URL]);
  else if (g_str_equal (key, "auto-save-delay"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_SAVE_DELAY]);
  else if (g_str_equal (key, "practice-mode") && !self->practice_override)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_MODE]);
  else if (g_str_equal (key, "idle-clear-minutes"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_CLEAR_MINUTES]);
}

static void
pkio_settings_constructed (GObject *object)
{
  PkioSettings *self = (PkioSettings *)object;

  G_OBJECT_CLASS (pkio_settings_parent_class)->constructed (object);

  self->settings = g_settings_new (self->schema_id);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
pkio_settings_finalize (GObject *object)
{
  PkioSettings *self = (PkioSettings *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->schema_id, g_free);
  g_clear_pointer (&self->api_base_url_override, g_free);

  G_OBJECT_CLASS (pkio_settings_parent_class)->finalize (object);
}

static void
pkio_settings_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PkioSettings *self = PKIO_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SCHEMA_ID:
      g_value_set_string (value, self->schema_id);
      break;

    case PROP_API_BASE_URL:
      g_value_take_string (value, pkio_settings_dup_api_base_url (self));
      break;

    case PROP_AUTO_SAVE_DELAY:
      g_value_set_uint (value, pkio_settings_get_auto_save_delay (self));
      break;

    case PROP_PRACTICE_MODE:
      g_value_set_boolean (value, pkio_settings_get_practice_mode (self));
      break;

    case PROP_IDLE_CLEAR_MINUTES:
      g_value_set_uint (value, pkio_settings_get_idle_clear_minutes (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_settings_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PkioSettings *self = PKIO_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SCHEMA_ID:
      self->schema_id = g_value_dup_string (value);
      break;

    case PROP_API_BASE_URL:
      pkio_settings_set_api_base_url (self, g_value_get_string (value));
      break;

    case PROP_PRACTICE_MODE:
      pkio_settings_set_practice_mode (self, g_value_get_boolean (value));
      break;

    case PROP_IDLE_CLEAR_MINUTES:
      pkio_settings_set_idle_clear_minutes (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_settings_class_init (PkioSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pkio_settings_constructed;
  object_class->finalize = pkio_settings_finalize;
  object_class->get_property = pkio_settings_get_property;
  object_class->set_property = pkio_settings_set_property;

  properties[PROP_SCHEMA_ID] =
    g_param_spec_string ("schema-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_API_BASE_URL] =
    g_param_spec_string ("api-base-url", NULL, NULL,
                         PKIO_DEFAULT_API_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTO_SAVE_DELAY] =
    g_param_spec_uint ("auto-save-delay", NULL, NULL,
                       1, 60, 2,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRACTICE_MODE] =
    g_param_spec_boolean ("practice-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* For a desk: the window clears for the next applicant after this many
   * idle minutes; 0 is off. */
  properties[PROP_IDLE_CLEAR_MINUTES] =
    g_param_spec_uint ("idle-clear-minutes", NULL, NULL,
                       0, 240, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_settings_init (PkioSettings *self)
{
}

/**
 * pkio_settings_is_acceptable_api_base_url:
 * @url: (nullable): a candidate base URL
 *
 * Plain HTTP is accepted only for a CertCentral stand-in on this machine
 * (practice mode, tests): the API key must never cross a network
 * unencrypted.
 *
 * Returns: whether @url may be used as the API base URL
 */
gboolean
pkio_settings_is_acceptable_api_base_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return FALSE;

  /* Credentials in the URL would end up in logs and history. */
  if (g_uri_get_userinfo (uri) != NULL)
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 &&
         (g_str_equal (host, "127.0.0.1") || g_ascii_strcasecmp (host, "localhost") == 0 ||
          g_str_equal (host, "::1"));
}

/**
 * pkio_settings_explain_api_base_url:
 * @url: (nullable): a candidate base URL
 *
 * Why @url cannot be used, for people. A user name or password in it is
 * never repeated: the message would put it on the screen, in a terminal's
 * scrollback or a log.
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL when @url is
 *   acceptable
 */
char *
pkio_settings_explain_api_base_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;

  if (pkio_settings_is_acceptable_api_base_url (url))
    return NULL;

  uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL)
    return g_strdup (_("The CertCentral API address is not a valid address: it must be an "
                       "https:// address."));

  shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
  if (g_uri_get_userinfo (uri) != NULL)
    /* Translators: %s is the address without its user name and password */
    return g_strdup_printf (_("“%s” is not a usable CertCentral API address: it must not hold "
                              "a user name or password. CertCentral takes the API key only "
                              "from the keyring."), shown);

  return g_strdup_printf (_("“%s” is not a usable CertCentral API address: it must be an "
                            "https:// address."), shown);
}

/**
 * pkio_settings_new:
 * @schema_id: (nullable): the schema to use, %NULL for the application's own
 *
 * Returns: (transfer full): a new #PkioSettings
 */
PkioSettings *
pkio_settings_new (const char *schema_id)
{
  return g_object_new (PKIO_TYPE_SETTINGS,
                       "schema-id", schema_id ? schema_id : APP_ID,
                       NULL);
}

char *
pkio_settings_dup_api_base_url (PkioSettings *self)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (self), NULL);

  if (self->api_base_url_override != NULL)
    return g_strdup (self->api_base_url_override);

  return g_settings_get_string (self->settings, "api-base-url");
}

/**
 * pkio_settings_override_api_base_url:
 * @url: (nullable): the address to use for this run, %NULL to stop
 *
 * For --api-base-url: every reader of #PkioSettings:api-base-url sees @url
 * until the process ends, and the stored setting is left as it was.
 */
void
pkio_settings_override_api_base_url (PkioSettings *self,
                                     const char   *url)
{
  g_return_if_fail (PKIO_IS_SETTINGS (self));

  if (g_strcmp0 (self->api_base_url_override, url) == 0)
    return;

  g_free (self->api_base_url_override);
  self->api_base_url_override = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_BASE_URL]);
}

gboolean
pkio_settings_is_api_base_url_overridden (PkioSettings *self)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (self), FALSE);

  return self->api_base_url_override != NULL;
}

void
pkio_settings_set_api_base_url (PkioSettings *self,
                                const char   *url)
{
  g_autofree char *current = NULL;

  g_return_if_fail (PKIO_IS_SETTINGS (self));

  current = g_settings_get_string (self->settings, "api-base-url");

  /* NULL or empty means "back to DigiCert's own endpoint". */
  if (url == NULL || url[0] == '\0')
    {
      if (g_strcmp0 (current, PKIO_DEFAULT_API_BASE_URL) != 0)
        g_settings_reset (self->settings, "api-base-url");
      return;
    }

  if (g_strcmp0 (current, url) != 0)
    g_settings_set_string (self->settings, "api-base-url", url);
}

guint
pkio_settings_get_auto_save_delay (PkioSettings *self)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (self), 2);

  return g_settings_get_uint (self->settings, "auto-save-delay");
}

/**
 * pkio_settings_get_idle_clear_minutes:
 *
 * Returns: idle minutes after which the window clears for the next
 *   applicant; 0 when off
 */
guint
pkio_settings_get_idle_clear_minutes (PkioSettings *self)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (self), 0);

  return g_settings_get_uint (self->settings, "idle-clear-minutes");
}

void
pkio_settings_set_idle_clear_minutes (PkioSettings *self,
                                      guint         minutes)
{
  g_return_if_fail (PKIO_IS_SETTINGS (self));

  g_settings_set_uint (self->settings, "idle-clear-minutes", MIN (minutes, 240));
}

/**
 * pkio_settings_get_history_retention_days:
 *
 * Returns: days after which personal data leaves history entries; 0 keeps
 *   it
 */
guint
pkio_settings_get_history_retention_days (PkioSettings *self)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (self), 90);

  return g_settings_get_uint (self->settings, "history-retention-days");
}

/**
 * pkio_settings_dup_token_module_paths:
 *
 * Returns: (transfer full): vendor PKCS#11 modules to load by path, on top
 *   of those registered with p11-kit
 */
char **
pkio_settings_dup_token_module_paths (PkioSettings *self)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (self), NULL);

  return g_settings_get_strv (self->settings, "token-module-paths");
}

void
pkio_settings_get_window_state (PkioSettings *self,
                                int          *width,
                                int          *height,
                                gboolean     *maximized)
{
  g_return_if_fail (PKIO_IS_SETTINGS (self));

  if (width)
    *width = g_settings_get_int (self->settings, "window-width");
  if (height)
    *height = g_settings_get_int (self->settings, "window-height");
  if (maximized)
    *maximized = g_settings_get_boolean (self->settings, "window-maximized");
}

void
pkio_settings_set_window_state (PkioSettings *self,
                                int           width,
                                int           height,
                                gboolean      maximized)
{
  g_return_if_fail (PKIO_IS_SETTINGS (self));

  /* A maximized window's size is the screen's, not the user's choice:
   * keep the last unmaximized size so that unmaximizing restores it. */
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      g_settings_set_int (self->settings, "window-width",
                          clamp_to_key_range (self->settings, "window-width", width));
      g_settings_set_int (self->settings, "window-height",
                          clamp_to_key_range (self->settings, "window-height", height));
    }
  g_settings_apply (self->settings);
}

/**
 * pkio_settings_get_practice_mode:
 *
 * Returns: whether orders go to the simulator: --practice for this run, or
 *   the stored setting
 */
gboolean
pkio_settings_get_practice_mode (PkioSettings *self)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (self), FALSE);

  return self->practice_override || g_settings_get_boolean (self->settings, "practice-mode");
}

/**
 * pkio_settings_set_practice_mode:
 *
 * Stores the choice; it also ends a --practice given for this run, so that
 * turning practice off is never overruled.
 */
void
pkio_settings_set_practice_mode (PkioSettings *self,
                                 gboolean      practice)
{
  gboolean was;

  g_return_if_fail (PKIO_IS_SETTINGS (self));

  was = pkio_settings_get_practice_mode (self);
  self->practice_override = FALSE;
  g_settings_set_boolean (self->settings, "practice-mode", practice);
  if (was != !!practice)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_MODE]);
}

/**
 * pkio_settings_override_practice_mode:
 *
 * For --practice: practice mode for this run, the setting left as it was.
 */
void
pkio_settings_override_practice_mode (PkioSettings *self)
{
  g_return_if_fail (PKIO_IS_SETTINGS (self));

  if (self->practice_override)
    return;

  self->practice_override = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_MODE]);
}

static void
set_if_empty (PkioOrder  *order,
              const char *property,
              const char *value)
{
  g_autofree char *current = NULL;

  g_object_get (order, property, &current, NULL);
  if (current == NULL || current[0] == '\0')
    g_object_set (order, property, value, NULL);
}

/**
 * pkio_settings_restore_desk_defaults:
 * @order: an order just cleared for the next applicant
 *
 * Like pkio_settings_apply_desk_defaults(), but a choice the desk has a
 * default for goes back to it even if the last applicant chose otherwise:
 * a card order is not followed by another card order at a desk that is
 * paid from the account balance.
 */
void
pkio_settings_restore_desk_defaults (PkioSettings *self,
                                     PkioOrder    *order)
{
  g_autofree char *ship_method = NULL;
  g_autofree char *payment_method = NULL;

  g_return_if_fail (PKIO_IS_SETTINGS (self));
  g_return_if_fail (PKIO_IS_ORDER (order));

  g_object_freeze_notify (G_OBJECT (order));

  ship_method = g_settings_get_string (self->settings, "desk-ship-method");
  if (ship_method[0] != '\0')
    pkio_order_set_ship_method (order, PKIO_SHIP_METHOD_NONE);

  payment_method = g_settings_get_string (self->settings, "desk-payment-method");
  if (payment_method[0] != '\0')
    pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_NONE);

  if (g_settings_get_uint (self->settings, "desk-validity-years") > 0)
    pkio_order_set_validity_kind (order, PKIO_VALIDITY_KIND_NONE);

  pkio_settings_apply_desk_defaults (self, order);

  g_object_thaw_notify (G_OBJECT (order));
}

/**
 * pkio_settings_apply_desk_defaults:
 * @order: a new order, or one just cleared for the next applicant
 *
 * Fills in the desk's defaults (country, shipping method, payment method,
 * validity) where @order has nothing yet; what the user chose stays. Out
 * of the box there are none: a citizen at home chooses each, and a desk
 * sets them once in Preferences.
 */
void
pkio_settings_apply_desk_defaults (PkioSettings *self,
                                   PkioOrder    *order)
{
  g_autofree char *country = NULL;
  g_autofree char *ship_method = NULL;
  g_autofree char *payment_method = NULL;
  guint years;

  g_return_if_fail (PKIO_IS_SETTINGS (self));
  g_return_if_fail (PKIO_IS_ORDER (order));

  country = g_settings_get_string (self->settings, "desk-country");
  if (country[0] != '\0' && pkio_country_is_known (country))
    {
      set_if_empty (order, "country", country);
      set_if_empty (order, "ship-country", country);
      set_if_empty (order, "billing-country", country);
    }

  ship_method = g_settings_get_string (self->settings, "desk-ship-method");
  if (ship_method[0] != '\0' && pkio_order_get_ship_method (order) == PKIO_SHIP_METHOD_NONE)
    pkio_order_set_ship_method (order, g_str_equal (ship_method, "EXPEDITED")
                                       ? PKIO_SHIP_METHOD_EXPEDITED
                                       : PKIO_SHIP_METHOD_STANDARD);

  payment_method = g_settings_get_string (self->settings, "desk-payment-method");
  if (payment_method[0] != '\0' && pkio_order_get_payment_method (order) == PKIO_PAYMENT_METHOD_NONE)
    pkio_order_set_payment_method (order, g_str_equal (payment_method, "card")
                                          ? PKIO_PAYMENT_METHOD_CARD
                                          : PKIO_PAYMENT_METHOD_BALANCE);

  years = g_settings_get_uint (self->settings, "desk-validity-years");
  if (years > 0 && pkio_order_get_validity_kind (order) == PKIO_VALIDITY_KIND_NONE)
    {
      pkio_order_set_validity_years (order, years);
      pkio_order_set_validity_kind (order, PKIO_VALIDITY_KIND_YEARS);
    }
}
