/** File primitives every other part writes through: atomic replacement of whole files. */
package org.vae4j.core.io;
