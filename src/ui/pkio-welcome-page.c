/* pkio-welcome-page.c
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

#include "pkio-welcome-page.h"

/* The first step: what the applicant should have at hand before starting,
 * so that nobody finds out halfway through that the ID document is upstairs. */

struct _PkioWelcomePage
{
  PkioPage parent_instance;
};

G_DEFINE_FINAL_TYPE (PkioWelcomePage, pkio_welcome_page, PKIO_TYPE_PAGE)

static void
pkio_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PKIO_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (pkio_welcome_page_parent_class)->dispose (object);
}

static void
pkio_welcome_page_class_init (PkioWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->dispose = pkio_welcome_page_dispose;

  page_class->page_id = "welcome";

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-welcome-page.ui");
}

static void
pkio_welcome_page_init (PkioWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  pkio_page_set_title (PKIO_PAGE (self), _("Welcome"));
  pkio_page_set_complete (PKIO_PAGE (self), TRUE);
}

PkioPage *
pkio_welcome_page_new (void)
{
  return g_object_new (PKIO_TYPE_WELCOME_PAGE, NULL);
}
