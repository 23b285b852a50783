/* pkio-token-row.c
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

#include "pkio-token-report.h"
#include "pkio-token-row.h"

/* One token in the token panel: a summary that answers "can I sign with
 * it?" and, expanded, every fact the monitor has, certificates included.
 * A PkioToken never changes, so the row is built once; the monitor replaces
 * the item (and so the row) when the token changes. */

struct _PkioTokenRow
{
  AdwExpanderRow  parent_instance;

  PkioToken      *token;
  const char     *status;   /* translated, static */
};

G_DEFINE_FINAL_TYPE (PkioTokenRow, pkio_token_row, ADW_TYPE_EXPANDER_ROW)

static GtkWidget *
badge_new (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  /* A long translation ("Pas encore de certificat de signature", "Nog
   * geen ondertekeningscertificaat") wraps in the badge, inside a word if
   * need be, instead of squeezing the token's name to a letter a line;
   * "certificate" still fits on a line. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 11);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "pkio-badge");
  if (style)
    gtk_widget_add_css_class (label, style);

  return label;
}

static GtkWidget *
detail_row_new (const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* Token fields come from the module: never let them be read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               value && *value ? value : _("Unknown"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");

  return row;
}

static void
add_detail (PkioTokenRow *self,
            const char   *title,
            const char   *value)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), detail_row_new (title, value));
}

static GtkWidget *
certificate_row_new (PkioTokenCertificate *cert,
                     GDateTime            *now)
{
  PkioTokenCertificateValidity validity = pkio_token_certificate_get_validity (cert, now);
  /* Translators: the date format of the certificate's end of validity, in
   * g_date_time_format() codes; keep the year in four digits */
  g_autofree char *until = g_date_time_format (pkio_token_certificate_get_not_after (cert),
                                               C_("certificate date", "%B %-d, %Y"));
  g_autofree char *usage = pkio_token_certificate_dup_key_usage_text (cert);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* Badges stacked in one column: side by side, two of them left the
   * title a word a line. */
  gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badges);

  title = g_strdup_printf (_("Certificate: %s"), pkio_token_certificate_get_common_name (cert));
  /* Translators: "valid until <date> · issued by <name> · <key usages>" */
  subtitle = g_strdup_printf (_("Valid until %s · issued by %s · %s"),
                              until, pkio_token_certificate_get_issuer (cert), usage);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (pkio_token_certificate_is_qualified (cert, now))
    gtk_box_append (GTK_BOX (badges), badge_new (_("Qualified signing"), "accent"));

  switch (validity)
    {
    case PKIO_TOKEN_CERTIFICATE_VALID:
      break;

    case PKIO_TOKEN_CERTIFICATE_EXPIRING_SOON:
      gtk_box_append (GTK_BOX (badges),
                      badge_new (pkio_token_report_validity_text (validity), "warning"));
      break;

    case PKIO_TOKEN_CERTIFICATE_EXPIRED:
    case PKIO_TOKEN_CERTIFICATE_NOT_YET_VALID:
      gtk_box_append (GTK_BOX (badges),
                      badge_new (pkio_token_report_validity_text (validity), "error"));
      break;

    default:
      g_assert_not_reached ();
    }

  return row;
}

static void
pkio_token_row_build (PkioTokenRow *self,
                      GDateTime    *now)
{
  PkioToken *token = self->token;
  PkioTokenPinState pin = pkio_token_get_pin_state (token);
  PkioTokenFlags flags = pkio_token_get_flags (token);
  GPtrArray *certs = pkio_token_get_certificates (token);
  g_autofree char *model = NULL;
  g_autofree char *versions = NULL;
  g_autofree char *flags_text = NULL;
  g_autofree char *pin_len = NULL;
  const char *label = pkio_token_get_label (token);
  const char *status;
  const char *status_style = NULL;
  GtkWidget *pin_row;
  GtkWidget *icon;
  gulong min_len, max_len;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 label && *label ? label : _("Token without a name"));

  /* The one line that matters most, worst news first. */
  if (pin == PKIO_TOKEN_PIN_LOCKED)
    {
      status = _("PIN locked");
      status_style = "error";
    }
  else if (pin == PKIO_TOKEN_PIN_FINAL_TRY)
    {
      status = _("One PIN try left");
      status_style = "error";
    }
  else if (pkio_token_get_readiness (token, now) == PKIO_TOKEN_READY)
    {
      status = _("Ready to sign");
      status_style = "success";
    }
  else if (pkio_token_get_readiness (token, now) == PKIO_TOKEN_READY_PIN_UNKNOWN)
    {
      /* The certificate is there; whether the PIN still works, the card
       * does not say. */
      status = _("Certificate ready, PIN state unknown");
    }
  else if (!(flags & PKIO_TOKEN_FLAG_INITIALIZED))
    {
      status = _("Not initialized");
    }
  else
    {
      status = _("No signing certificate yet");
    }

  if (pin == PKIO_TOKEN_PIN_COUNT_LOW || pin == PKIO_TOKEN_PIN_TO_BE_CHANGED)
    status_style = status_style ? status_style : "warning";

  self->status = status;

  model = g_strjoin (" ", pkio_token_get_manufacturer (token), pkio_token_get_model (token), NULL);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), model);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), badge_new (status, status_style));

  icon = gtk_image_new_from_icon_name ("auth-smartcard-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Token"),
                                  -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self), icon);

  pin_row = detail_row_new (_("PIN"), pkio_token_pin_state_describe (pin));
  if (pin >= PKIO_TOKEN_PIN_FINAL_TRY)
    gtk_widget_add_css_class (pin_row, "error");
  else if (pin >= PKIO_TOKEN_PIN_TO_BE_CHANGED)
    gtk_widget_add_css_class (pin_row, "warning");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), pin_row);

  if (flags & PKIO_TOKEN_FLAG_PROTECTED_AUTH_PATH)
    add_detail (self, _("PIN Entry"), _("On the token’s own PIN pad"));

  if (pkio_token_get_pin_length (token, &min_len, &max_len))
    {
      /* Translators: a PIN length range, such as "6 to 16 characters" */
      pin_len = g_strdup_printf (_("%lu to %lu characters"), min_len, max_len);
    }
  add_detail (self, _("PIN Length"), pin_len ? pin_len : _("Not reported"));

  for (guint i = 0; i < certs->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (self),
                              certificate_row_new (g_ptr_array_index (certs, i), now));
  if (certs->len == 0)
    add_detail (self, _("Certificates"), _("None on this token yet"));
  if (pkio_token_get_certificates_error (token))
    add_detail (self, _("Certificates Could Not All Be Read"),
                pkio_token_get_certificates_error (token));

  add_detail (self, _("Serial Number"), pkio_token_get_serial (token));

  versions = g_strdup_printf (_("Hardware %s, firmware %s"),
                              pkio_token_get_hardware_version (token)
                                ? pkio_token_get_hardware_version (token) : _("unknown"),
                              pkio_token_get_firmware_version (token)
                                ? pkio_token_get_firmware_version (token) : _("unknown"));
  add_detail (self, _("Versions"), versions);

  flags_text = pkio_token_report_flags_text (flags);
  add_detail (self, _("Flags"), flags_text);
  add_detail (self, _("Reader"), pkio_token_get_slot_description (token));
  add_detail (self, _("Module"), pkio_token_get_module_name (token));
}

static void
pkio_token_row_finalize (GObject *object)
{
  PkioTokenRow *self = (PkioTokenRow *)object;

  g_clear_object (&self->token);

  G_OBJECT_CLASS (pkio_token_row_parent_class)->finalize (object);
}

static void
pkio_token_row_class_init (PkioTokenRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_token_row_finalize;
}

static void
pkio_token_row_init (PkioTokenRow *self)
{
}

/**
 * pkio_token_row_new:
 * @now: the time to judge certificate validity at
 */
GtkWidget *
pkio_token_row_new (PkioToken *token,
                    GDateTime *now)
{
  PkioTokenRow *self;

  g_return_val_if_fail (PKIO_IS_TOKEN (token), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (PKIO_TYPE_TOKEN_ROW, NULL);
  self->token = g_object_ref (token);
  pkio_token_row_build (self, now);

  return GTK_WIDGET (self);
}

PkioToken *
pkio_token_row_get_token (PkioTokenRow *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_ROW (self), NULL);

  return self->token;
}

/**
 * pkio_token_row_get_status:
 *
 * Returns: the token's state in a few words, as its badge shows it
 *   ("Ready to sign", "PIN locked").
 */
const char *
pkio_token_row_get_status (PkioTokenRow *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_ROW (self), NULL);

  return self->status;
}
